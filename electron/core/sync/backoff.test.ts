import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles per attempt between half and the full step', () => {
    expect(backoffDelay(1, { baseMs: 100, random: () => 0 })).toBe(50);
    expect(backoffDelay(1, { baseMs: 100, random: () => 1 })).toBe(100);
    expect(backoffDelay(4, { baseMs: 100, random: () => 0.5 })).toBe(600); // step 800: 400 + 200
  });
  it('is capped at maxMs', () => {
    expect(backoffDelay(30, { baseMs: 100, maxMs: 5000, random: () => 1 })).toBe(5000);
  });
  it('is a whole number of milliseconds whatever fraction the jitter draws (the outbox column is INTEGER)', () => {
    // base 333: the half step 166.5 and any fraction of it are not whole numbers.
    for (const r of [0, 0.1234567, 0.5, 0.987654321]) {
      const delay = backoffDelay(1, { baseMs: 333, random: () => r });
      expect(Number.isInteger(delay), `delay ${delay} for jitter ${r}`).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(166);
      expect(delay).toBeLessThanOrEqual(333);
    }
  });
});
