/**
 * A per-connection budget of calls: a token bucket (a burst, then a steady rate) and a cap
 * on calls still running. A page that floods the bridge (a stuck button, a hostile script)
 * gets typed refusals instead of filling the outbox or starving the core.
 */
export interface CallRateLimitOptions {
  /** Calls refilled per second. */
  perSecond: number;
  /** Calls that may come at once after a quiet time. */
  burst: number;
  /** Calls running at the same time. */
  maxInFlight: number;
  now?: () => number;
}

export const DEFAULT_CALL_RATE_LIMIT: CallRateLimitOptions = { perSecond: 20, burst: 60, maxInFlight: 16 };

export class CallRateLimit {
  private tokens: number;
  private last: number;
  private running = 0;
  private readonly now: () => number;

  constructor(private readonly options: CallRateLimitOptions) {
    this.now = options.now ?? Date.now;
    this.tokens = options.burst;
    this.last = this.now();
  }

  /** Takes one call from the budget; false (and nothing taken) when over it. Pair a true with `finished()`. */
  tryStart(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.last) / 1000) * this.options.perSecond);
    this.last = now;
    if (this.tokens < 1 || this.running >= this.options.maxInFlight) return false;
    this.tokens -= 1;
    this.running++;
    return true;
  }

  finished(): void {
    this.running = Math.max(0, this.running - 1);
  }
}
