import type { KioskInfo, Notice } from '../../../../electron/common/contract.js';
import type { Locale } from '../../../i18n/i18n.js';
import type { SliceCreator } from '../../types.js';
import { initialUiState, type Screen, type UiState } from './state.js';

export interface UiActions {
  navigate(screen: Screen): void;
  localeChosen(locale: Locale): void;
  elderlyModeToggled(): void;
  kioskInfoLoaded(info: KioskInfo): void;
  noticeShown(notice: Notice | null): void;
}

export const createUiSlice: SliceCreator<UiState & UiActions> = (set) => ({
  ...initialUiState,
  navigate: (screen) => set({ screen }),
  localeChosen: (locale) => set({ locale }),
  elderlyModeToggled: () => set((s) => ({ elderlyMode: !s.elderlyMode })),
  kioskInfoLoaded: (kioskInfo) => set({ kioskInfo, locale: kioskInfo.locale }),
  noticeShown: (notice) => set({ notice }),
});
