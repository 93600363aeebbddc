import { describe, expect, it } from 'vitest';
import { throttledLog } from './throttled-log.js';

describe('throttled log', () => {
  it('writes a kind of line a few times a minute, then says how many it left out', () => {
    let now = 0;
    const lines: string[] = [];
    const log = throttledLog((l) => lines.push(l), 2, () => now);
    for (let i = 0; i < 5; i++) log(`bad request ${i}`, 'client-error');
    log('kept: no kind');
    expect(lines).toEqual(['bad request 0', 'bad request 1', 'kept: no kind']);
    now = 60_000;
    log('bad request 5', 'client-error');
    expect(lines.slice(3)).toEqual(['(3 more like the next line in the last minute)', 'bad request 5']);
  });
});
