/**
 * The sync bench's central side: the central simulator in its own process on loopback,
 * and its own ingest ceiling, measured with the kiosk out of the way: pre-built batches
 * (the same records, the forwarder's batch size, serialized beforehand) posted one at a
 * time, as the forwarder does, straight to its HTTP endpoint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { centralPaths } from '../../electron/common/central-api.js';
import type { KioskStore } from '../../electron/core/store/kiosk-store.js';

const CLI = fileURLToPath(new URL('../sim/central/cli.ts', import.meta.url));

export interface CentralProcess {
  url: string;
  adminToken: string;
  stop(): Promise<void>;
}

export async function startCentralProcess(dataDir: string, port = 0): Promise<CentralProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', String(port), '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`central simulator exited with ${code}`)));
  });
  const { central, adminToken } = JSON.parse(line) as { central: string; adminToken: string };
  return { url: central, adminToken, stop: async () => { child.kill('SIGTERM'); await exited; } };
}

/** A loopback port nobody listens on (yet): the kiosk's central while the hall is offline. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
}

/** Every pending record of `store`, in the forwarder's batches, serialized as the request bodies. */
export function prebuiltBatches(store: KioskStore, batchSize: number): Array<{ body: string; records: number }> {
  const bodies: Array<{ body: string; records: number }> = [];
  for (let after = 0; ;) {
    const records = store.outbox.pendingBatch(batchSize, after);
    if (records.length === 0) return bodies;
    bodies.push({ body: JSON.stringify({ kioskId: store.kioskId, records }), records: records.length });
    after = records.at(-1)!.seq;
  }
}

/**
 * Records/s the simulator ingests when nothing but its HTTP endpoint is in the way. The
 * first `warmUp` batches are posted untimed (the simulator's JIT and caches), as the
 * kiosk's drain, which runs later, finds them warm too.
 */
export async function ingestCeiling(url: string, kioskId: string, batches: Array<{ body: string; records: number }>, warmUp: number): Promise<number> {
  let records = 0;
  let start = performance.now();
  for (const [i, batch] of batches.entries()) {
    if (i === warmUp) {
      records = 0;
      start = performance.now();
    }
    const response = await fetch(`${url}${centralPaths.recordsBatch}`, {
      method: 'POST', body: batch.body, headers: { authorization: `Bearer bench-${kioskId}`, 'content-type': 'application/json' },
    });
    const { results } = (await response.json()) as { results: Array<{ outcome: string }> };
    if (!response.ok || results.length !== batch.records) throw new Error(`central refused a pre-built batch: HTTP ${response.status}`);
    records += batch.records;
  }
  return records / ((performance.now() - start) / 1000);
}
