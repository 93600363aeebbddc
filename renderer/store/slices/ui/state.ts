import type { KioskInfo, Notice } from '../../../../electron/common/contract.js';
import type { Locale } from '../../../i18n/i18n.js';

export const SCREENS = [
  'attract',
  'help',
  'citizen-home',
  'ticket',
  'categories',
  'matters',
  'matter-detail',
  'data-check',
  'commitment',
  'application-form',
  'receipt',
  'status',
  'evaluation',
  'proxy',
  'maintenance',
  'face',
] as const;
export type Screen = (typeof SCREENS)[number];

/** A call to the core that failed: the code decides the plain words shown (never the message). */
export interface Problem {
  method: string;
  code: string;
  at: number;
}

export interface UiState {
  screen: Screen;
  locale: Locale;
  elderlyMode: boolean;
  /** Voice prompts off (the citizen pressed the mute toggle). */
  muted: boolean;
  kioskInfo: KioskInfo | null;
  notice: Notice | null;
  problem: Problem | null;
}

export const initialUiState: UiState = {
  screen: 'attract',
  locale: 'zh-CN',
  elderlyMode: false,
  muted: false,
  kioskInfo: null,
  notice: null,
  problem: null,
};
