/**
 * Power cuts below the kiosk store (short run; `npm run test:faults` does 200+ cuts):
 * on powercut-fs every write not fsynced is dropped, so these prove durability, where
 * kill -9 (store-kill.test.ts) proves only atomicity.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEV_ID_HASH_KEY, loadOrCreateKeyFile } from '../../electron/core/store/crypto.js';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { mountPowercutFs, unmountAllPowercutFs } from '../support/powercut-fs/powercut-fs.js';
import { controlLosses, emptyTally, figureLine, freshStartCuts, newDisk, randomCuts, upgradeCuts } from '../faults/power-cut-scenarios.js';

afterAll(() => unmountAllPowercutFs());

/** `count` distinct numbers from lo..hi, in order. */
function sample(count: number, lo: number, hi: number): number[] {
  const all = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, count).sort((a, b) => a - b);
}

describe('kiosk store under power cuts (short run)', () => {
  it('keeps a new key file, its folder and the data folder through a cut right after creating them', async () => {
    const disk = newDisk('powercut-key-');
    try {
      let fs = await mountPowercutFs(disk.backing, disk.mountpoint);
      const keyFile = join(disk.mountpoint, 'kiosk', 'keys', 'store.key');
      const key = loadOrCreateKeyFile(keyFile);
      await fs.cut();
      await fs.unmount();
      fs = await mountPowercutFs(disk.backing, disk.mountpoint);
      expect(existsSync(keyFile)).toBe(true);
      expect(readFileSync(keyFile).equals(key)).toBe(true);
      await fs.unmount();
    } finally {
      unmountAllPowercutFs(); // a failed expectation left the mount in place
      rmSync(disk.root, { recursive: true, force: true });
    }
  });

  it('keeps the acknowledged records of a store that just created its data folder (key from a keystore, no key file)', async () => {
    const disk = newDisk('powercut-datadir-');
    try {
      let fs = await mountPowercutFs(disk.backing, disk.mountpoint);
      const options = { dataDir: join(disk.mountpoint, 'var', 'kiosk'), kioskId: 'HALL1-K04', idHashKey: DEV_ID_HASH_KEY, storeKey: randomBytes(32) };
      const store = KioskStore.open(options);
      const ticket = await store.issueTicket({ queue: 'A' });
      await fs.cut(); // the store is still open: nothing but its acknowledged commit is on the disk
      store.db.close();
      await fs.unmount();
      fs = await mountPowercutFs(disk.backing, disk.mountpoint);
      const reopened = KioskStore.open(options);
      expect(reopened.db.prepare('SELECT idempotency_key AS k FROM outbox').all()).toEqual([{ k: ticket.idempotencyKey }]);
      reopened.close();
      await fs.unmount();
    } finally {
      unmountAllPowercutFs(); // a failed expectation left the mount in place
      rmSync(disk.root, { recursive: true, force: true });
    }
  });

  it('loses no acknowledged record over random cuts, fresh starts and an upgrade, and the NORMAL control does', async () => {
    const tally = emptyTally();
    await freshStartCuts(sample(5, 1, 260), tally);
    await upgradeCuts(sample(3, 1, 80), tally);
    await randomCuts(8, tally);
    const control = await controlLosses(5);
    console.info(figureLine(tally, control));
    expect(tally.lost).toBe(0);
    expect(tally.integrityFailures).toBe(0);
    expect(tally.acknowledged).toBeGreaterThan(tally.cuts);
    expect(tally.duringCheckpoint, 'no cut landed inside a checkpoint').toBeGreaterThan(0);
    expect(control.lost, 'synchronous=NORMAL lost nothing: the file system does not see the difference').toBeGreaterThan(0);
  }, 600_000); // ~1 min on an idle machine: each of its 17 cuts starts a writer process
});
