/** The idle countdown's inputs: when the citizen last acted, and the clock (ticked once a second). */
export interface IdleState {
  lastActivityAt: number;
  now: number;
}

export const initialIdleState: IdleState = { lastActivityAt: 0, now: 0 };
