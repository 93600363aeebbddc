import { describe, expect, it } from 'vitest';
import { CentralError, parseRetryAfter } from './central-client.js';

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
