import type { MatterView } from '../../../../electron/common/journey-schemas.js';

/** What the citizen is looking at in the catalog: reset when the session ends. */
export interface MattersBrowsingState {
  category: string | null;
  matterId: string | null;
}

export interface MattersState extends MattersBrowsingState {
  /** The public matter catalog (not personal): kept between citizens. */
  catalog: MatterView[] | null;
}

export const initialMattersBrowsingState: MattersBrowsingState = { category: null, matterId: null };
export const initialMattersState: MattersState = { ...initialMattersBrowsingState, catalog: null };
