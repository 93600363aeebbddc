/**
 * The one polling wait of the tests and benchmarks: checks a condition until it holds or
 * the time is up, then fails naming what it waited for. Not a busy wait: it sleeps
 * between checks so the code under test keeps the CPU.
 */
export interface UntilOptions {
  /** How long to wait in all (default 5 s). */
  timeoutMs?: number;
  /** How long to sleep between checks (default 5 ms). */
  everyMs?: number;
}

export async function until(check: () => boolean | Promise<boolean>, what: string, options: UntilOptions = {}): Promise<void> {
  const { timeoutMs = 5000, everyMs = 5 } = options;
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
