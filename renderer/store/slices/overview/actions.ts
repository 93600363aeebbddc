import type { SliceCreator } from '../../types.js';
import { selectSessionId, selectSubjectKey } from '../session/selectors.js';
import { initialOverviewState, type OverviewState } from './state.js';

export interface OverviewActions {
  /** Asks the core for the current subject's entitlements, appointments and applications. */
  overviewRequested(): Promise<void>;
}

export const createOverviewSlice: SliceCreator<OverviewState & OverviewActions> = (set, get, client) => ({
  ...initialOverviewState,
  overviewRequested: async () => {
    const sessionId = selectSessionId(get());
    const key = selectSubjectKey(get());
    if (!sessionId) return;
    try {
      const overview = await client.getCitizenOverview(sessionId);
      // The answer may arrive after the citizen left or switched person: then it is dropped.
      if (selectSessionId(get()) !== sessionId || selectSubjectKey(get()) !== key) return;
      set((s) => ({ overviews: { ...s.overviews, [key]: overview } }));
    } catch (error) {
      if (selectSessionId(get()) === sessionId) get().callFailed('getCitizenOverview', error);
    }
  },
});
