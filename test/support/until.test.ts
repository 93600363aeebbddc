import { describe, expect, it } from 'vitest';
import { until } from './until.js';

describe('until', () => {
  it('resolves once a synchronous or asynchronous check holds', async () => {
    let n = 0;
    await until(() => ++n >= 3, 'the third check');
    expect(n).toBe(3);
    let m = 0;
    await until(async () => ++m >= 2, 'the second check');
    expect(m).toBe(2);
  });

  it('fails naming what it waited for when the time is up', async () => {
    await expect(until(() => false, 'a card that never comes', { timeoutMs: 30 })).rejects.toThrow('timed out after 30 ms waiting for a card that never comes');
  });
});
