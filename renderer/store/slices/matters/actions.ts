import type { SliceCreator } from '../../types.js';
import { initialMattersState, type MattersState } from './state.js';

export interface MattersActions {
  catalogRequested(): Promise<void>;
  /** 自助办理: the list of matters, filtered by a category (null: the first one). */
  mattersOpened(): void;
  categoryChosen(category: string): void;
  /** A matter (or an entitlement's matter) was chosen: show what it needs. */
  matterChosen(matterId: string): void;
}

export const createMattersSlice: SliceCreator<MattersState & MattersActions> = (set, get, client) => ({
  ...initialMattersState,
  catalogRequested: async () => {
    try {
      const catalog = await client.listMatters();
      set({ catalog });
    } catch (error) {
      get().callFailed('listMatters', error);
    }
  },
  mattersOpened: () => {
    if (!get().catalog) void get().catalogRequested();
    get().navigate('matters');
  },
  categoryChosen: (category) => set({ category }),
  matterChosen: (matterId) => {
    if (!get().catalog) void get().catalogRequested();
    set({ matterId, draft: null });
    get().navigate('matter-detail');
  },
});
