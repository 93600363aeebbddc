import { describe, expect, it } from 'vitest';
import { CentralClient, CentralError, parseRetryAfter } from './central-client.js';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('2026-10-21T07:28:00Z'))).toBe(30_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('CentralError', () => {
  it('says which failures are worth retrying', () => {
    expect(new CentralError('timeout', 't').retryable).toBe(true);
    expect(new CentralError('rate-limited', 'r', 429).retryable).toBe(true);
    expect(new CentralError('rejected', 'x', 422).retryable).toBe(false);
    expect(new CentralError('auth', 'a', 401).retryable).toBe(false);
    expect(new CentralError('network', 'n').citizenMessage).toMatch(/暂时连不上中心系统/);
  });
});

describe('CentralClient concurrency bound', () => {
  it('keeps at most maxConcurrent requests in flight', async () => {
    let active = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const fakeFetch = (async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise<void>((r) => releases.push(r));
      active--;
      return new Response(JSON.stringify({ serverTime: '2026-12-01T08:00:00.000Z', catalogVersion: 1 }), { status: 200 });
    }) as unknown as typeof fetch;
    const client = new CentralClient({ baseUrl: 'http://central.invalid', token: 'token-123456', maxConcurrent: 2, fetch: fakeFetch });
    const calls = Array.from({ length: 5 }, () => client.heartbeat({ kioskId: 'K', pending: 0, oldestPendingAgeMs: null, sentAt: '2026-12-01T08:00:00.000Z' }));
    for (let round = 0; round < 10 && releases.length + active > 0; round++) {
      await new Promise((r) => setTimeout(r, 5));
      releases.splice(0).forEach((r) => r());
    }
    await Promise.all(calls);
    expect(peak).toBe(2);
    expect(client.pendingRequests).toBe(0);
  });
});
