import type { SliceCreator } from '../../types.js';
import { initialIdleState, type IdleState } from './state.js';
import { selectIdleRemaining } from './selectors.js';

export interface IdleActions {
  /** A touch or a key press: the countdown starts again (also 继续办理). */
  userActed(at: number): void;
  /** The clock ticked: when the countdown has run out, the kiosk returns to the attract screen. */
  clockTicked(at: number): void;
}

export const createIdleSlice: SliceCreator<IdleState & IdleActions> = (set, get) => ({
  ...initialIdleState,
  userActed: (at) => set({ lastActivityAt: at, now: at }),
  clockTicked: (at) => {
    set({ now: at });
    if (selectIdleRemaining(get()) !== 0) return;
    if (get().session) void get().sessionFinished('idle');
    else if (get().screen === 'maintenance') void get().maintenanceClosed();
    else get().navigate('attract');
  },
});
