import type { KioskInfo, Notice } from '../../../../electron/common/contract.js';
import type { Locale } from '../../../i18n/i18n.js';
import type { SliceCreator } from '../../types.js';
import { initialUiState, type Screen, type UiState } from './state.js';

export interface UiActions {
  navigate(screen: Screen): void;
  localeChosen(locale: Locale): void;
  elderlyModeToggled(): void;
  muteToggled(): void;
  kioskInfoLoaded(info: KioskInfo): void;
  noticeShown(notice: Notice | null): void;
  noticeDismissed(): void;
  /** A call to the core failed: keep only the code (the message may be technical). */
  callFailed(method: string, error: unknown): void;
  problemDismissed(): void;
}

/** The code of a failed call: KioskCallError carries one; anything else is an internal error. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'internal-error';
}

/** Screens from which a second swipe of the same card may jump to 我的办件 (not in the middle of handling a matter). */
const STATUS_ON_SWIPE_FROM: Screen[] = ['citizen-home', 'ticket', 'receipt', 'status', 'matters', 'categories', 'matter-detail'];

export const createUiSlice: SliceCreator<UiState & UiActions> = (set, get) => ({
  ...initialUiState,
  navigate: (screen) => set({ screen, problem: null }),
  localeChosen: (locale) => set({ locale }),
  elderlyModeToggled: () => {
    set((s) => ({ elderlyMode: !s.elderlyMode }));
    // The core keeps the idle deadline: it must hear of the longer (or shorter) timeout now.
    if (get().session) get().sessionTouched(Date.now());
  },
  muteToggled: () => set((s) => ({ muted: !s.muted })),
  kioskInfoLoaded: (kioskInfo) => set({ kioskInfo, locale: kioskInfo.locale }),
  noticeShown: (notice) => {
    // 'card-read-again': the same citizen swiped again, which is how they ask for their applications.
    if (notice?.code === 'card-read-again' && get().session && STATUS_ON_SWIPE_FROM.includes(get().screen)) {
      set({ notice: null, screen: 'status' });
      void get().overviewRequested();
      return;
    }
    set({ notice });
  },
  noticeDismissed: () => set({ notice: null }),
  callFailed: (method, error) => set({ problem: { method, code: errorCode(error), at: Date.now() } }),
  problemDismissed: () => set({ problem: null }),
});
