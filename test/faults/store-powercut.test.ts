/**
 * The long power-cut run (npm run test:faults): 200 cuts while writing and delivering
 * (half of them inside a WAL checkpoint), a cut after every 4th early file operation of
 * a fresh kiosk (key file, first migrations, first commits) and after every 2nd one of
 * an upgrade (migration 003 over records), then the synchronous=NORMAL control.
 * The short run is test/e2e/store-powercut.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { unmountAllPowercutFs } from '../support/powercut-fs/powercut-fs.js';
import { controlLosses, emptyTally, figureLine, freshStartCuts, randomCuts, upgradeCuts } from './power-cut-scenarios.js';
import { faultScale } from './kill-burst.js';

const every = (step: number, lo: number, hi: number) => Array.from({ length: Math.floor((hi - lo) / step) + 1 }, (_, i) => lo + i * step);

describe('kiosk store under power cuts (fault suite)', () => {
  const tally = emptyTally();
  let control = { cuts: 0, acknowledged: 0, lost: 0 };
  afterAll(() => {
    unmountAllPowercutFs();
    console.info(figureLine(tally, control));
  });

  it('keeps the key and every acknowledged record of a fresh kiosk cut during its first file operations', async () => {
    await freshStartCuts(every(faultScale(26, 4), 1, 260), tally);
    expect(tally.duringMigration).toBeGreaterThan(0);
    expect(tally.lost).toBe(0);
  });

  it('keeps every record of a kiosk cut while migration 003 upgrades it', async () => {
    const before = tally.duringMigration;
    await upgradeCuts(every(faultScale(8, 2), 1, 80), tally);
    expect(tally.duringMigration).toBeGreaterThan(before);
    expect(tally.lost).toBe(0);
  });

  const randomCount = faultScale(20, 200);
  it(`loses no acknowledged record over ${randomCount} cuts while writing and delivering, and delivers each exactly once`, async () => {
    const before = tally.cuts;
    await randomCuts(randomCount, tally);
    expect(tally.cuts - before).toBe(randomCount);
    expect(tally.lost).toBe(0);
    expect(tally.integrityFailures).toBe(0);
    expect(tally.duringCheckpoint).toBeGreaterThan(0);
    expect(tally.duringAcknowledgement).toBeGreaterThan(0);
  }, 3_600_000); // ~12 min idle, far more on a loaded machine: each cut starts a writer process

  it('loses acknowledged records with synchronous=NORMAL (the control: the file system sees the difference)', async () => {
    control = await controlLosses(5);
    expect(control.lost).toBeGreaterThan(0);
  });
});
