/**
 * The core's own end of an idle session: one timer, armed for the open session's
 * deadline. Activity only moves the deadline; when the timer fires early it re-arms for
 * the new one, and at the deadline it ends the session whether or not a page is
 * connected (a crashed or closed page must not leave the citizen's identity behind).
 */
export interface IdleDeadlineSource {
  /** The open session's deadline (ms since the epoch), or null with none open. */
  idleDeadline(): number | null;
}

export class SessionIdleTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly sessions: IdleDeadlineSource,
    private readonly now: () => number,
    private readonly onExpired: () => void,
  ) {}

  /** Call after a session starts; later activity needs no call (the timer re-reads the deadline). */
  arm(): void {
    this.disarm();
    const deadline = this.sessions.idleDeadline();
    if (deadline === null) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, deadline - this.now()));
    // An idle kiosk in a test or a shutting-down process is not kept alive by this timer.
    this.timer.unref?.();
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.timer = null;
    const deadline = this.sessions.idleDeadline();
    if (deadline === null) return;
    if (this.now() >= deadline) this.onExpired();
    else this.arm();
  }
}
