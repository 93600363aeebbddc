/**
 * The power-cut scenarios (power-cut.ts runs one cut): random cuts while writing and
 * delivering, cuts at every early file operation of a fresh kiosk (key file creation,
 * the first migrations) and of an upgrade (migration 003 over existing records), and
 * the control run with synchronous=NORMAL, which must lose acknowledged records.
 */
import { expect } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { loadMigrations } from '../../electron/core/store/database.js';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { Forwarder } from '../../electron/core/sync/forwarder.js';
import { startCentralSimulator } from '../../scripts/sim/central/server.js';
import { mountPowercutFs } from '../support/powercut-fs/powercut-fs.js';
import { dataDirOf, inspect, writeUntilCut, type Disk, type Inspection, type WriterOptions } from './power-cut.js';

export interface Tally {
  cuts: number;
  acknowledged: number;
  lost: number;
  integrityFailures: number;
  /** Cuts that caught the database file itself with unsynced writes: inside a checkpoint. */
  duringCheckpoint: number;
  /** Cuts after central took a record and before the kiosk durably marked it delivered (and wiped it). */
  duringAcknowledgement: number;
  /** Cuts during a migration (the file had the older user_version and the writer was migrating). */
  duringMigration: number;
}

export const emptyTally = (): Tally => ({ cuts: 0, acknowledged: 0, lost: 0, integrityFailures: 0, duringCheckpoint: 0, duringAcknowledgement: 0, duringMigration: 0 });

export function newDisk(prefix: string): Disk & { root: string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return { root, backing: join(root, 'disk'), mountpoint: join(root, 'mnt') };
}

/** What must hold after every cut of the store on synchronous=FULL. */
function expectSound(label: string, r: Inspection, highestAckedSeq: number): void {
  expect(r.missing, `${label}: acknowledged records lost`).toEqual([]);
  expect(r.integrity, label).toBe('ok');
  expect(r.halfMigrated, `${label}: half a migration visible`).toBe(false);
  expect(r.rows, `${label}: outbox sequence has a gap`).toBe(r.maxSeq);
  expect(r.maxSeq, `${label}: sequence went backwards`).toBeGreaterThanOrEqual(highestAckedSeq);
  expect(r.seqCounter, `${label}: sequence counter behind the outbox`).toBeGreaterThanOrEqual(r.maxSeq);
  expect(r.orphans, `${label}: record without its outbox row (or the reverse)`).toBe(0);
  expect(r.unpurged, `${label}: delivered record still holds personal data`).toBe(0);
  expect(r.undecryptable, `${label}: encrypted data whose key was lost`).toBe(0);
}

function tallyCut(t: Tally, acked: number, r: Inspection): void {
  t.cuts++;
  t.acknowledged += acked;
  t.lost += r.missing.length;
  if (r.integrity !== 'ok') t.integrityFailures++;
}

/**
 * `cuts` cuts on one disk while the writer's forwarder delivers to a central simulator:
 * every other one at a random moment (20-300 ms into writing), the others right after a
 * random write (1st-40th) to the database file itself, i.e. inside a WAL checkpoint (in
 * WAL mode only checkpoints write it). Then a drain: every record delivered exactly once.
 */
export async function randomCuts(cuts: number, tally: Tally): Promise<void> {
  const disk = newDisk('powercut-random-');
  const sim = await startCentralSimulator({ dataDir: join(disk.root, 'central'), extraPopulation: 0 });
  const kioskId = 'HALL1-K07';
  let highestAckedSeq = 0;
  try {
    for (let i = 0; i < cuts; i++) {
      const cut = i % 2 === 0
        ? { afterMs: 20 + Math.random() * 280 }
        : { onWrite: { name: 'kiosk.sqlite', nth: 1 + Math.floor(Math.random() * 40) } };
      const { acked, report } = await writeUntilCut(disk, { kioskId, centralUrl: sim.url, cut });
      const r = await inspect(disk, kioskId, acked);
      expectSound(`random cut ${i}`, r, highestAckedSeq);
      tallyCut(tally, acked.size, r);
      for (const seq of acked.values()) highestAckedSeq = Math.max(highestAckedSeq, seq);
      if (report.dirty.some((d) => d.path === 'kiosk.sqlite')) tally.duringCheckpoint++;
      const central = new Set(sim.db.effects().map((e) => e.idempotencyKey));
      if (r.pendingKeys.some((k) => central.has(k))) tally.duringAcknowledgement++;
    }
    // After the last cut: the forwarder of the rebooted kiosk delivers what is left.
    const fs = await mountPowercutFs(disk.backing, disk.mountpoint);
    const store = KioskStore.open({ dataDir: dataDirOf(disk), kioskId, idHashKey: DEV_ID_HASH_KEY });
    const forwarder = new Forwarder({ store, client: new CentralClient({ baseUrl: sim.url, token: `token-${kioskId}` }), batchSize: 500, idlePollMs: 20 });
    try {
      forwarder.start();
      await forwarder.waitUntilDrained(Math.max(120_000, store.outbox.counts().pending));
      const keys = (store.db.prepare('SELECT idempotency_key AS k FROM outbox').all() as Array<{ k: string }>).map((row) => row.k);
      const effects = sim.db.effects().map((e) => e.idempotencyKey);
      expect(new Set(effects).size, 'an effect applied twice').toBe(effects.length);
      expect(new Set(effects)).toEqual(new Set(keys));
      expect(sim.stats().uniqueEffects.total).toBe(keys.length);
      expect(sim.stats().orderViolations).toBe(0);
      expect(sim.stats().idempotencyConflicts).toBe(0);
      expect(store.outbox.counts()).toMatchObject({ pending: 0, quarantined: 0 });
    } finally {
      await forwarder.stop();
      store.close();
      await fs.unmount();
    }
  } finally {
    await sim.close();
    rmSync(disk.root, { recursive: true, force: true });
  }
}

/** A fresh kiosk cut right after its N-th file operation, for each N: key file creation, first migrations, first commits. */
export async function freshStartCuts(ops: number[], tally: Tally): Promise<void> {
  for (const n of ops) {
    const disk = newDisk('powercut-fresh-');
    try {
      const kioskId = 'HALL1-K08';
      const { acked } = await writeUntilCut(disk, { kioskId, cut: { afterOps: n } });
      const r = await inspect(disk, kioskId, acked);
      expectSound(`fresh kiosk cut after operation ${n}`, r, Math.max(0, ...acked.values()));
      tallyCut(tally, acked.size, r);
      if (r.userVersion < 3) tally.duringMigration++;
    } finally {
      rmSync(disk.root, { recursive: true, force: true });
    }
  }
}

/** A kiosk at schema version 2 with records, upgraded by the writer and cut right after its N-th file operation. */
export async function upgradeCuts(ops: number[], tally: Tally): Promise<void> {
  const template = newDisk('powercut-upgrade-');
  const kioskId = 'HALL1-K06';
  const before = new Map<string, number>();
  try {
    const fs = await mountPowercutFs(template.backing, template.mountpoint);
    const store = KioskStore.open({ dataDir: dataDirOf(template), kioskId, idHashKey: DEV_ID_HASH_KEY, migrations: loadMigrations().slice(0, 2) });
    const written = await Promise.all(Array.from({ length: 400 }, (_, i) =>
      i % 4 === 3
        ? store.submitApplication({ matterId: 'household-registration-proof', matterVersion: 1, applicant: { idNumber: '33010619850412010X', name: '测试' }, proofs: [] })
        : store.issueTicket({ queue: 'B' })));
    for (const w of written) before.set(w.idempotencyKey, w.seq);
    store.close();
    await fs.unmount();
    for (const n of ops) {
      const disk = newDisk('powercut-upgrade-cut-');
      try {
        cpSync(template.backing, disk.backing, { recursive: true });
        const { acked } = await writeUntilCut(disk, { kioskId, cut: { afterOps: n } });
        const r = await inspect(disk, kioskId, new Map([...before, ...acked]));
        expectSound(`upgrade cut after operation ${n}`, r, Math.max(...before.values(), ...acked.values()));
        tallyCut(tally, acked.size + before.size, r);
        if (r.userVersion === 2) tally.duringMigration++;
      } finally {
        rmSync(disk.root, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(template.root, { recursive: true, force: true });
  }
}

/** The control: the same writer with synchronous=NORMAL; returns acknowledged records lost over up to `maxCuts` cuts. */
export async function controlLosses(maxCuts: number, options: Pick<WriterOptions, 'synchronous'> = { synchronous: 'NORMAL' }): Promise<{ cuts: number; acknowledged: number; lost: number }> {
  const disk = newDisk('powercut-control-');
  const kioskId = 'HALL1-K05';
  const result = { cuts: 0, acknowledged: 0, lost: 0 };
  try {
    for (let i = 0; i < maxCuts && result.lost === 0; i++) {
      const { acked } = await writeUntilCut(disk, { kioskId, ...options, cut: { afterMs: 100 + Math.random() * 200 } });
      const r = await inspect(disk, kioskId, acked);
      result.cuts++;
      result.acknowledged += acked.size;
      result.lost += r.missing.length;
    }
    return result;
  } finally {
    rmSync(disk.root, { recursive: true, force: true });
  }
}

export function figureLine(t: Tally, control: { cuts: number; acknowledged: number; lost: number }): string {
  return `power cuts: ${t.cuts} cuts performed (${t.duringCheckpoint} during a checkpoint, ${t.duringAcknowledgement} during an acknowledgement (central had the record, its purge was not yet durable), `
    + `${t.duringMigration} during a migration), ${t.acknowledged} acknowledged records, lost ${t.lost}, integrity failures ${t.integrityFailures}; `
    + `control (synchronous=NORMAL): ${control.cuts} cuts, ${control.acknowledged} acknowledged, lost ${control.lost}`;
}
