import type { SliceCreator } from '../../types.js';
import { initialIdleState, type IdleState } from './state.js';
import { selectIdleRemaining } from './selectors.js';

/** At most one touchSession per this long: enough for a deadline of a minute or more, and quiet on the bridge. */
export const TOUCH_THROTTLE_MS = 5_000;

export interface IdleActions {
  /** A touch or a key press: the countdown starts again (the core is told, throttled). */
  userActed(at: number): void;
  /** 继续办理, or a change the core must hear now (elderly mode): the core is told at once. */
  sessionTouched(at: number): void;
  /** The clock ticked: when the countdown has run out, the kiosk returns to the attract screen. */
  clockTicked(at: number): void;
}

export const createIdleSlice: SliceCreator<IdleState & IdleActions> = (set, get, client) => ({
  ...initialIdleState,
  userActed: (at) => {
    set({ lastActivityAt: at, now: at });
    if (get().session && at - get().lastTouchSentAt >= TOUCH_THROTTLE_MS) get().sessionTouched(at);
  },
  sessionTouched: (at) => {
    set({ lastActivityAt: at, now: at });
    const asked = get().session?.sessionId;
    if (!asked) return;
    set({ lastTouchSentAt: at });
    client.touchSession({ elderlyMode: get().elderlyMode }, asked).then(
      (session) => {
        // The core's answer is the deadline the countdown shows; null: it has ended the session.
        if (get().session?.sessionId === asked && (session === null || session.sessionId === asked)) get().sessionChanged(session);
      },
      (error: unknown) => console.error('kiosk: touchSession failed', error),
    );
  },
  clockTicked: (at) => {
    set({ now: at });
    if (selectIdleRemaining(get()) !== 0) return;
    if (get().session) void get().sessionFinished('idle');
    else if (get().screen === 'maintenance') void get().maintenanceClosed();
    else get().navigate('attract');
  },
});
