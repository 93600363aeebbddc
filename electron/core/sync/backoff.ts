/** Exponential backoff with "equal jitter": half the step fixed, half random, capped. */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 60_000;
  const step = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return step / 2 + (options.random ?? Math.random)() * (step / 2);
}
