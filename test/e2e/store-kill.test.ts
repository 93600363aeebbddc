/**
 * kill -9 during write bursts, 20 times (`npm run test:faults` runs 200), then the
 * survivors are drained to the real central simulator: exactly one effect per record.
 */
import { describe, it } from 'vitest';
import { killAndDrain } from '../faults/kill-burst.js';

describe('kill -9 during write bursts', () => {
  it('keeps every acknowledged record over 20 kills and delivers each exactly once', async () => {
    await killAndDrain(20);
  });
});
