import { describe, expect, it } from 'vitest';
import { CallRateLimit } from './call-rate-limit.js';

describe('call rate limit', () => {
  it('lets a burst through, refuses beyond it, and refills at the steady rate', () => {
    let now = 0;
    const limit = new CallRateLimit({ perSecond: 10, burst: 5, maxInFlight: 100, now: () => now });
    const started = Array.from({ length: 8 }, () => limit.tryStart());
    expect(started).toEqual([true, true, true, true, true, false, false, false]);
    now += 100; // one call's worth at 10/s
    expect(limit.tryStart()).toBe(true);
    expect(limit.tryStart()).toBe(false);
    now += 10_000; // a long quiet time refills the burst, no more
    expect(Array.from({ length: 6 }, () => limit.tryStart()).filter(Boolean)).toHaveLength(5);
  });

  it('caps the calls running at once, whatever the rate', () => {
    let now = 0;
    const limit = new CallRateLimit({ perSecond: 1000, burst: 1000, maxInFlight: 2, now: () => now });
    expect([limit.tryStart(), limit.tryStart(), limit.tryStart()]).toEqual([true, true, false]);
    limit.finished();
    now += 1;
    expect(limit.tryStart()).toBe(true);
  });
});
