/**
 * Relating the page's clock to this process's, for timings that start in Node (a card
 * put in the reader's field) and end in Chromium (a frame painted).
 *
 * Both sides read `performance.timeOrigin + performance.now()`: a monotonic clock
 * (immune to wall-clock steps while it runs) anchored to the epoch once, when each
 * process (or the page's navigation) started. Two such anchors, taken at different
 * moments from a wall clock that NTP may have slewed in between, can disagree by a
 * fixed amount, and Date.now() would add whole-millisecond steps; so the residual
 * offset is measured rather than assumed: NTP's way, from round trips to the page, each
 * bounding the page's reading between the moments the question left and the answer came
 * back. The round trip with the least delay bounds it best.
 */
import type { Page } from 'playwright-core';

/** One round trip: `sentAt` and `receivedAt` on this process's clock, `pageAt` on the page's (epoch ms). */
export interface ClockSample {
  sentAt: number;
  pageAt: number;
  receivedAt: number;
}

export interface ClockOffset {
  /** page clock − this clock, in ms. */
  offsetMs: number;
  /** The true offset lies within ± this (half the best round trip). */
  uncertaintyMs: number;
}

export class ClockSampleError extends Error {
  override readonly name = 'ClockSampleError';
}

export function clockOffset(samples: readonly ClockSample[]): ClockOffset {
  const valid = samples.filter((s) => s.receivedAt >= s.sentAt);
  if (valid.length === 0) throw new ClockSampleError(`no usable round trip among ${samples.length} clock samples (each needs receivedAt ≥ sentAt)`);
  const best = valid.reduce((a, b) => (b.receivedAt - b.sentAt < a.receivedAt - a.sentAt ? b : a));
  return { offsetMs: best.pageAt - (best.sentAt + best.receivedAt) / 2, uncertaintyMs: (best.receivedAt - best.sentAt) / 2 };
}

/** A page-clock reading expressed on this process's clock. */
export function toLocalClock(pageAt: number, offset: ClockOffset): number {
  return pageAt - offset.offsetMs;
}

/** This process's clock, on the same footing as the page's. */
export const localNow = (): number => performance.timeOrigin + performance.now();

export async function measureClockOffset(page: Page, roundTrips = 20): Promise<ClockOffset> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < roundTrips; i++) {
    const sentAt = localNow();
    const pageAt = await page.evaluate<number>('performance.timeOrigin + performance.now()');
    samples.push({ sentAt, pageAt, receivedAt: localNow() });
  }
  return clockOffset(samples);
}
