import type { SessionView } from '../../../../electron/common/contract.js';

export interface SessionState {
  session: SessionView | null;
}

export const initialSessionState: SessionState = { session: null };
