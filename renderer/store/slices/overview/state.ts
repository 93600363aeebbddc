import type { CitizenOverview } from '../../../../electron/common/journey-schemas.js';
import type { SubjectKey } from '../session/selectors.js';

export interface OverviewState {
  /** 政策找人, appointments today, earlier applications: per person (holder, each principal). */
  overviews: Partial<Record<SubjectKey, CitizenOverview>>;
}

export const initialOverviewState: OverviewState = { overviews: {} };
