import type { KioskInfo, Notice } from '../../../../electron/common/contract.js';
import type { Locale } from '../../../i18n/i18n.js';

export const SCREENS = ['attract', 'help', 'citizen-home'] as const;
export type Screen = (typeof SCREENS)[number];

export interface UiState {
  screen: Screen;
  locale: Locale;
  elderlyMode: boolean;
  kioskInfo: KioskInfo | null;
  notice: Notice | null;
}

export const initialUiState: UiState = {
  screen: 'attract',
  locale: 'zh-CN',
  elderlyMode: false,
  kioskInfo: null,
  notice: null,
};
