/** The long kill -9 run: KIOSK_FAULT_SCALE=full (npm run test:faults) → 200 kills; otherwise 20. */
import { describe, it } from 'vitest';
import { faultScale, killAndDrain } from './kill-burst.js';

describe('kill -9 during write bursts (fault suite)', () => {
  const cycles = faultScale(20, 200);
  it(`keeps every acknowledged record over ${cycles} kills and delivers each exactly once`, async () => {
    await killAndDrain(cycles);
  });
});
