/**
 * Draining the outbox to the central simulator (own process, loopback) through the
 * forwarder's real loop (start(): heartbeats, retention purge, the shipped batch size of
 * 500, personal data wiped on acknowledgement), against the simulator's own ingest
 * ceiling measured in the same run; one request per record through the same loop, for
 * the speed-up; and a day offline (2,000 records) drained after the hall's link returns.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { Forwarder } from '../../electron/core/sync/forwarder.js';
import { buildPopulation } from '../sim/central/population.js';
import type { BenchResult, BenchRow } from './bench-row.js';
import { freePort, ingestCeiling, prebuiltBatches, startCentralProcess } from './sync-central.js';

export const title = 'Sync: drain buffered records through the forwarder loop to the loopback central simulator';

const TOTAL = Number(process.env.BENCH_SYNC_RECORDS ?? 100_000);
const SAMPLE = 2_000;
const DAY_OFFLINE = 2_000;
/** The forwarder's default, which the kiosk ships (compose.ts passes no batch size). */
const SHIPPED_BATCH = 500;
const WARM_UP_BATCHES = 10;

async function fill(store: KioskStore, count: number): Promise<void> {
  const person = buildPopulation(Date.now(), 0)[0]!;
  for (let done = 0; done < count; ) {
    const n = Math.min(2000, count - done);
    await Promise.all(Array.from({ length: n }, (_, i) =>
      (done + i) % 10 === 9
        ? store.submitApplication({ matterId: 'social-insurance-proof', matterVersion: 1, applicant: { idNumber: person.idNumber, name: person.name },
            proofs: [{ proofType: 'social-insurance', satisfiedBy: 'data-check', detail: 'DC-bench' }] })
        : store.issueTicket({ queue: 'A', idNumber: person.idNumber })));
    done += n;
  }
}

function openFilled(root: string, kioskId: string): KioskStore {
  return KioskStore.open({ dataDir: join(root, kioskId), kioskId, idHashKey: DEV_ID_HASH_KEY });
}

/** Resolves when the forwarder reports nothing pending; counts its requests. */
function drained(forwarder: Forwarder): { done: Promise<void>; requests: () => number } {
  let requests = 0;
  forwarder.on('delivered', () => requests++);
  const done = new Promise<void>((resolve) => {
    forwarder.on('status', (s) => { if (s.pending === 0) resolve(); });
  });
  return { done, requests: () => requests };
}

/** Personal data left after acknowledgement (must be none: delivery wipes it). */
function personalLeft(store: KioskStore): number {
  const row = store.db.prepare(`SELECT (SELECT COUNT(*) FROM outbox WHERE personal_enc IS NOT NULL)
    + (SELECT COUNT(*) FROM applications WHERE personal_enc IS NOT NULL) AS n`).get() as { n: number };
  return row.n;
}

async function drainThroughLoop(url: string, store: KioskStore, batchSize?: number): Promise<{ seconds: number; requests: number }> {
  const client = new CentralClient({ baseUrl: url, token: `bench-${store.kioskId}`, timeoutMs: 30_000 });
  const forwarder = new Forwarder({ store, client, ...(batchSize ? { batchSize } : {}) });
  const watch = drained(forwarder);
  const start = performance.now();
  forwarder.start();
  await watch.done;
  const seconds = (performance.now() - start) / 1000;
  await forwarder.stop();
  const left = personalLeft(store);
  if (left > 0) throw new Error(`${left} delivered record(s) kept their personal data`);
  return { seconds, requests: watch.requests() };
}

/** A day's records buffered with central unreachable, then central comes up on that port. */
async function dayOffline(root: string): Promise<{ fromLinkBack: number; linkBackBy: string; fromCentralUp: number; requests: number }> {
  const port = await freePort();
  const store = openFilled(root, 'BENCH-K4');
  const forwarder = new Forwarder({ store, client: new CentralClient({ baseUrl: `http://127.0.0.1:${port}`, token: 'bench-BENCH-K4', timeoutMs: 30_000 }) });
  forwarder.start();
  let central: Awaited<ReturnType<typeof startCentralProcess>> | null = null;
  try {
    await fill(store, DAY_OFFLINE);
    while (forwarder.status().online || forwarder.status().lastError === null) await new Promise((r) => setTimeout(r, 100));
    const watch = drained(forwarder);
    // Whichever tells first that the link is back: the heartbeat, or a retry whose backoff ran out first.
    const linkBack = new Promise<{ at: number; by: string }>((resolve) => {
      forwarder.once('heartbeat', () => resolve({ at: performance.now(), by: 'heartbeat' }));
      forwarder.once('delivered', () => resolve({ at: performance.now(), by: 'retried delivery' }));
    });
    central = await startCentralProcess(join(root, 'central-offline'), port);
    const up = performance.now();
    await watch.done;
    const end = performance.now();
    const back = await linkBack;
    if (personalLeft(store) > 0) throw new Error('records delivered after the day offline kept their personal data');
    return { fromLinkBack: (end - back.at) / 1000, linkBackBy: back.by, fromCentralUp: (end - up) / 1000, requests: watch.requests() };
  } finally {
    await forwarder.stop();
    store.close();
    await central?.stop();
  }
}

export async function bench(): Promise<BenchResult> {
  const root = mkdtempSync(join(tmpdir(), 'sync-bench-'));
  try {
    const ceilingStore = openFilled(root, 'BENCH-K0');
    const kiosk = openFilled(root, 'BENCH-K1');
    const single = openFilled(root, 'BENCH-K2');
    await fill(ceilingStore, TOTAL);
    await fill(kiosk, TOTAL);
    await fill(single, SAMPLE);
    const batches = prebuiltBatches(ceilingStore, SHIPPED_BATCH);
    ceilingStore.close();

    const central = await startCentralProcess(join(root, 'central'));
    let ceiling: number, batched: { seconds: number; requests: number }, one: { seconds: number; requests: number };
    try {
      ceiling = await ingestCeiling(central.url, 'BENCH-K0', batches, WARM_UP_BATCHES); // first: the drain's central then holds as many effects as this one did
      batched = await drainThroughLoop(central.url, kiosk);
      one = await drainThroughLoop(central.url, single, 1);
    } finally {
      kiosk.close();
      single.close();
      await central.stop();
    }
    const offline = await dayOffline(root);

    const batchedRate = TOTAL / batched.seconds;
    const oneRate = SAMPLE / one.seconds;
    const speedup = batchedRate / oneRate;
    const rows: BenchRow[] = [
      { mode: `central ingest ceiling: pre-built batches of ${SHIPPED_BATCH}, no kiosk`, records: TOTAL, requests: batches.length, seconds: TOTAL / ceiling, 'records/s': Math.round(ceiling), limit: '', ratio: '', goal: '', met: '' },
      { mode: `forwarder loop, shipped batch (${SHIPPED_BATCH})`, records: TOTAL, requests: batched.requests, seconds: batched.seconds, 'records/s': Math.round(batchedRate),
        limit: Math.round(ceiling), ratio: batchedRate / ceiling, goal: '', met: '' },
      { mode: `forwarder loop, one request per record (sample ${SAMPLE})`, records: SAMPLE, requests: one.requests, seconds: one.seconds, 'records/s': Math.round(oneRate), limit: '', ratio: '', goal: '', met: '' },
      { mode: 'speed-up: shipped batch over one request per record', records: TOTAL, requests: '', seconds: (TOTAL / oneRate), 'records/s': Math.round(batchedRate),
        limit: Math.round(oneRate), ratio: speedup, goal: '≥ 20×', met: speedup >= 20 },
      { mode: `a day offline (${DAY_OFFLINE} records): first answer from central → pending 0`, records: DAY_OFFLINE, requests: offline.requests, seconds: offline.fromLinkBack,
        'records/s': Math.round(DAY_OFFLINE / offline.fromLinkBack), limit: Math.round(ceiling), ratio: DAY_OFFLINE / offline.fromLinkBack / ceiling, goal: '', met: '' },
    ];
    return {
      rows,
      notes: [
        `The ceiling posts the same ${TOTAL} records (${WARM_UP_BATCHES} batches untimed first, to warm the simulator); its seconds are scaled to all records.`,
        'limit of the forwarder rows = the central ingest ceiling (records/s) of this run; ratio = records/s over it. The speed-up row: limit = one request per record, ratio = the speed-up.',
        `The speed-up row's seconds: ${TOTAL} records one request each, extrapolated from the sample.`,
        `A day offline: records buffered while central's port refused connections (kiosk offline), then the simulator started on that port. The clock starts at the first answer from central (this run: the ${offline.linkBackBy}); central up → pending 0 took ${offline.fromCentralUp.toFixed(2)} s (heartbeats every 5 s, retries on backoff, shipped defaults).`,
        'Every delivered record is checked to have lost its personal data (outbox and application row) on acknowledgement.',
      ],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
