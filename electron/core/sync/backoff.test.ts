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
});
