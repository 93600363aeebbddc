/**
 * Exponential backoff with "equal jitter": half the step fixed, half random, capped.
 * Whole milliseconds: the delay ends up in the outbox's STRICT INTEGER next_attempt_at.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** A fraction in [0, 1) (Math.random by default). */
  random?: () => number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 60_000;
  const step = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (options.random ?? Math.random)() * (step / 2));
}
