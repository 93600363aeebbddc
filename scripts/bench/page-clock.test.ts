import { describe, expect, it } from 'vitest';
import { clockOffset, ClockSampleError, toLocalClock } from './page-clock.js';

describe('the page clock against this process clock', () => {
  it('takes the offset from the round trip with the least delay', () => {
    // The page runs 7 ms ahead. A slow trip (40 ms, the answer delayed on the way back)
    // would put it 7 + 20 - 35 = -8 ms off; the 2 ms trip bounds it to 7 ± 1.
    const samples = [
      { sentAt: 1000, pageAt: 1012, receivedAt: 1040 },
      { sentAt: 2000, pageAt: 2008, receivedAt: 2002 },
      { sentAt: 3000, pageAt: 3010, receivedAt: 3010 },
    ];
    expect(clockOffset(samples)).toEqual({ offsetMs: 7, uncertaintyMs: 1 });
  });

  it('moves a page reading onto this clock', () => {
    expect(toLocalClock(5_000, { offsetMs: 7, uncertaintyMs: 1 })).toBe(4_993);
    expect(toLocalClock(5_000, { offsetMs: -3.5, uncertaintyMs: 1 })).toBe(5_003.5);
  });

  it('refuses samples with no usable round trip', () => {
    expect(() => clockOffset([])).toThrow(ClockSampleError);
    expect(() => clockOffset([{ sentAt: 10, pageAt: 11, receivedAt: 9 }])).toThrow(/no usable round trip/);
  });
});
