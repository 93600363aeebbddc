/**
 * Drain 100,000 buffered records to the central simulator running in its own process on
 * loopback: batched forwarder vs one request per record, sequential (measured on a
 * sample and extrapolated to 100,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { Forwarder } from '../../electron/core/sync/forwarder.js';
import { buildPopulation } from '../sim/central/population.js';
import type { BenchResult } from './run.js';

export const title = 'Sync: drain 100,000 buffered records to the loopback central simulator';

const CLI = fileURLToPath(new URL('../sim/central/cli.ts', import.meta.url));
const TOTAL = 100_000;
const SAMPLE = 2_000;

async function startSimulatorProcess(dataDir: string): Promise<{ url: string; adminToken: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`central simulator exited with ${code}`)));
  });
  const { central, adminToken } = JSON.parse(line) as { central: string; adminToken: string };
  return { url: central, adminToken, child };
}

async function fill(store: KioskStore, count: number): Promise<void> {
  const person = buildPopulation(Date.now(), 0)[0]!;
  for (let done = 0; done < count; ) {
    const n = Math.min(2000, count - done);
    await Promise.all(Array.from({ length: n }, (_, i) =>
      (done + i) % 10 === 9
        ? store.submitApplication({ matterId: 'social-insurance-proof', matterVersion: 1, applicant: { idNumber: person.idNumber, name: person.name },
            proofs: [{ proofType: 'social-insurance', satisfiedBy: 'data-check', detail: 'DC-bench' }] })
        : store.issueTicket({ queue: 'A' })));
    done += n;
  }
}

async function drain(url: string, dir: string, kioskId: string, count: number, batchSize: number): Promise<{ seconds: number; requests: number }> {
  const store = KioskStore.open({ dataDir: dir, kioskId, idHashKey: DEV_ID_HASH_KEY });
  try {
    await fill(store, count);
    const forwarder = new Forwarder({ store, client: new CentralClient({ baseUrl: url, token: `bench-${kioskId}`, timeoutMs: 30_000 }), batchSize, heartbeatIntervalMs: 60_000 });
    let requests = 0;
    forwarder.on('delivered', () => requests++);
    const start = performance.now();
    // Drive the deliveries directly (no idle polling between batches).
    while (store.outbox.counts().pending > 0) {
      if ((await forwarder.deliverOnce()) === 0) throw new Error(`delivery failed: ${forwarder.status().lastError ?? 'unknown'}`);
    }
    return { seconds: (performance.now() - start) / 1000, requests };
  } finally {
    store.close();
  }
}

export async function bench(): Promise<BenchResult> {
  const root = mkdtempSync(join(tmpdir(), 'sync-bench-'));
  const sim = await startSimulatorProcess(join(root, 'central'));
  try {
    const batched = await drain(sim.url, join(root, 'batched'), 'BENCH-K1', TOTAL, 1000);
    const single = await drain(sim.url, join(root, 'single'), 'BENCH-K2', SAMPLE, 1);
    const singleExtrapolated = (single.seconds / SAMPLE) * TOTAL;
    const stats = (await (await fetch(`${sim.url}/admin/stats`, { headers: { authorization: `Bearer ${sim.adminToken}` } })).json()) as { uniqueEffects: { total: number }; duplicatesRejected: number };
    return {
      rows: [
        { mode: 'batched forwarder (1000/request)', records: TOTAL, requests: batched.requests, seconds: batched.seconds, 'records/s': Math.round(TOTAL / batched.seconds) },
        { mode: `one request per record, sequential (sample ${SAMPLE})`, records: SAMPLE, requests: single.requests, seconds: single.seconds, 'records/s': Math.round(SAMPLE / single.seconds) },
        { mode: 'one request per record, extrapolated', records: TOTAL, requests: TOTAL, seconds: singleExtrapolated, 'records/s': Math.round(TOTAL / singleExtrapolated) },
      ],
      notes: [
        `speed-up: ${(singleExtrapolated / batched.seconds).toFixed(1)}x (goal >= 20x); batched drain ${batched.seconds.toFixed(1)} s (goal < 30 s)`,
        `central unique effects ${stats.uniqueEffects.total} (expected ${TOTAL + SAMPLE}), duplicates ${stats.duplicatesRejected}`,
        'Every record is delivered with its idempotency key and marked delivered (personal data wiped) in the kiosk store.',
      ],
    };
  } finally {
    sim.child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
}
