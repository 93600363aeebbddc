import type { SessionView } from '../../../../electron/common/contract.js';
import type { SliceCreator } from '../../types.js';
import { clearedCitizenData } from '../../citizen-data.js';
import { subjectKeyOf } from './selectors.js';
import { initialSessionState, type SessionState } from './state.js';

export interface SessionActions {
  /** The core identified a citizen, updated the session (代办), or ended it (null). */
  sessionChanged(session: SessionView | null): void;
  /** The citizen pressed 结束办理 (after the evaluation) or the idle countdown ran out. */
  sessionFinished(reason: 'finished' | 'idle'): Promise<void>;
  /** 结束办理 pressed: the evaluation comes first, then the session ends. */
  finishRequested(): void;
}

export const createSessionSlice: SliceCreator<SessionState & SessionActions> = (set, get, client) => ({
  ...initialSessionState,
  sessionChanged: (session) => {
    const previous = get().session;
    if (!session) {
      set(clearedCitizenData(get()));
      return;
    }
    if (previous?.sessionId !== session.sessionId) {
      // A new citizen (or a restarted page adopting the open session with the core's deadline as
      // it stands): nothing of the previous one may survive, whatever screen we were on.
      const elderlyMode = (previous === null && get().elderlyMode) || session.citizen.elderly;
      set({
        ...clearedCitizenData(get()),
        session,
        screen: 'citizen-home',
        // Elderly mode chosen on the attract screen stays; the previous citizen's does not.
        elderlyMode,
        lastActivityAt: Date.now(),
        now: Date.now(),
        lastTouchSentAt: Number.NEGATIVE_INFINITY,
      });
      // Chosen on the attract screen for a younger citizen: the core must wait the elderly timeout.
      if (elderlyMode !== session.citizen.elderly) get().sessionTouched(Date.now());
      void get().overviewRequested();
      void get().catalogRequested(); // the core may have taken a newer catalog between citizens
      return;
    }
    // The same session: principals (代办), or a new idle deadline from the core.
    set({ session });
    const key = subjectKeyOf(session.activePrincipal);
    if (previous.activePrincipal !== session.activePrincipal && !get().overviews[key]) void get().overviewRequested();
  },
  sessionFinished: async (reason) => {
    // Clear the screen first: the citizen's data must not linger while the core answers.
    const sessionId = get().session?.sessionId;
    set(clearedCitizenData(get()));
    try {
      // With its id: if the next citizen has swiped meanwhile, the core keeps their session.
      await client.endSession(reason, sessionId);
    } catch (error) {
      // The screen is already clear; the core ends the session itself on its own timeout.
      console.error('kiosk: endSession failed', error);
    }
  },
  finishRequested: () => get().navigate('evaluation'),
});
