import type { SessionView } from '../../../../electron/common/contract.js';
import type { SliceCreator } from '../../types.js';
import { initialSessionState, type SessionState } from './state.js';

export interface SessionActions {
  /** The core identified a citizen, or ended the session (null). */
  sessionChanged(session: SessionView | null): void;
  /** The citizen pressed "finish" (or the idle countdown ran out). */
  sessionFinished(reason: 'finished' | 'idle'): Promise<void>;
}

export const createSessionSlice: SliceCreator<SessionState & SessionActions> = (set, get, client) => ({
  ...initialSessionState,
  sessionChanged: (session) => {
    const wasOpen = get().session !== null;
    set({ session });
    if (session && !wasOpen) get().navigate('citizen-home');
    if (!session) get().navigate('attract');
  },
  sessionFinished: async (reason) => {
    // Clear the screen first: the citizen's data must not linger while the core answers.
    set({ session: null });
    get().navigate('attract');
    await client.endSession(reason);
  },
});
