/**
 * kill -9 of a process writing bursts to the kiosk store, at random moments, repeated:
 * after each kill, every write acknowledged before it must be in the file, the file
 * must pass integrity_check and the outbox sequence must have no gap. Shared by the
 * e2e suite (20 cycles) and `npm run test:faults` (200+).
 */
import { expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { Forwarder } from '../../electron/core/sync/forwarder.js';
import { startCentralSimulator } from '../../scripts/sim/central/server.js';

const WRITER = fileURLToPath(new URL('./burst-writer.ts', import.meta.url));

export interface KillCycleResult {
  acknowledged: number;
  missing: string[];
  integrity: string;
  rows: number;
  maxSeq: number;
}

/** Starts the writer, kills it with SIGKILL after a random 20-300 ms of writing, then checks the file. */
export async function killCycle(dataDir: string, kioskId: string): Promise<KillCycleResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, kioskId], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked = new Map<string, number>();
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const lines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'READY') {
        setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 280);
        resolve();
      } else if (line.startsWith('ACK ')) {
        const [, seq, key] = line.split(' ');
        if (key) acked.set(key, Number(seq));
      }
    });
    void exited.then((how) => reject(new Error(`burst writer exited (${String(how)}) before READY: ${stderr}`)));
  });
  const how = await exited;
  if (how !== 'SIGKILL') throw new Error(`burst writer ended by ${String(how)}, not SIGKILL: ${stderr}`);
  await new Promise<void>((resolve) => (child.stdout.readableEnded ? resolve() : child.stdout.on('end', () => resolve())));

  const store = KioskStore.open({ dataDir, kioskId, idHashKey: DEV_ID_HASH_KEY });
  try {
    const find = store.db.prepare('SELECT seq FROM outbox WHERE idempotency_key = ?');
    const missing = [...acked].filter(([key, seq]) => (find.get(key) as { seq: number } | undefined)?.seq !== seq).map(([key]) => key);
    const { rows, maxSeq } = store.db.prepare('SELECT COUNT(*) AS rows, COALESCE(MAX(seq), 0) AS maxSeq FROM outbox').get() as { rows: number; maxSeq: number };
    return { acknowledged: acked.size, missing, integrity: store.integrityCheck(), rows, maxSeq };
  } finally {
    store.close();
  }
}

export function faultScale(small: number, full: number): number {
  return process.env.KIOSK_FAULT_SCALE === 'full' ? full : small;
}

/** `cycles` kills on one data folder, then a drain to a fresh central simulator: exactly one effect per record. */
export async function killAndDrain(cycles: number): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'store-kill-'));
  const dataDir = join(root, 'kiosk');
  let acknowledged = 0;
  for (let i = 0; i < cycles; i++) {
    const r = await killCycle(dataDir, 'HALL1-K09');
    expect(r.missing, `cycle ${i}: acknowledged writes lost`).toEqual([]);
    expect(r.integrity).toBe('ok');
    expect(r.rows, `cycle ${i}: outbox sequence has a gap`).toBe(r.maxSeq);
    acknowledged += r.acknowledged;
  }
  expect(acknowledged).toBeGreaterThan(cycles); // the kills really landed mid-burst, not before the first write
  console.info(`${cycles} kills, ${acknowledged} acknowledged writes, all present after restart`);

  const sim = await startCentralSimulator({ dataDir: join(root, 'central'), extraPopulation: 0 });
  const store = KioskStore.open({ dataDir, kioskId: 'HALL1-K09', idHashKey: DEV_ID_HASH_KEY });
  const forwarder = new Forwarder({ store, client: new CentralClient({ baseUrl: sim.url, token: 'token-k09' }), batchSize: 2000, idlePollMs: 20 });
  try {
    const total = store.outbox.counts().pending;
    forwarder.start();
    await forwarder.waitUntilDrained(Math.max(120_000, total)); // about 1 ms per record at worst under load
    const keys = (store.db.prepare('SELECT idempotency_key AS k FROM outbox').all() as Array<{ k: string }>).map((r) => r.k);
    expect(sim.stats().uniqueEffects.total).toBe(total);
    expect(new Set(sim.db.effects().map((e) => e.idempotencyKey))).toEqual(new Set(keys));
    expect(sim.stats().orderViolations).toBe(0);
  } finally {
    await forwarder.stop();
    store.close();
    await sim.close();
  }
}
