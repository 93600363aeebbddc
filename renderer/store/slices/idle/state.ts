/**
 * The idle countdown's inputs. With a session the deadline is the core's
 * (`session.idleDeadlineAt`); without one (help, maintenance) the page counts from the
 * last activity. `now` is the clock, ticked once a second.
 */
export interface IdleState {
  lastActivityAt: number;
  now: number;
  /** When the page last told the core of activity (touchSession is throttled). */
  lastTouchSentAt: number;
}

export const initialIdleState: IdleState = { lastActivityAt: 0, now: 0, lastTouchSentAt: Number.NEGATIVE_INFINITY };
