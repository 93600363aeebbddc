/** The long chaos run: KIOSK_FAULT_SCALE=full (npm run test:faults) → 4 kiosks, 150+ rounds; otherwise 2 kiosks, 12 rounds. */
import { describe, expect, it } from 'vitest';
import { faultScale } from './kill-burst.js';
import { runChaos } from './chaos-scenario.js';

describe('store-and-forward under chaos (fault suite)', () => {
  it('delivers every accepted record exactly once, in order, and quarantines each poison record', async () => {
    const { accepted } = await runChaos({ kiosks: faultScale(2, 4), minRounds: faultScale(12, 150) });
    expect(accepted).toBeGreaterThan(0);
  });
});
