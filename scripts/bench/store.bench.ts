/**
 * Durable records/s into the kiosk store, both with synchronous=FULL: group commit
 * (concurrent writes of one tick share a transaction and its fsync) vs one commit per
 * record. Latency = from the write call to its durable acknowledgement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';

export const title = 'Store: durable records/s, group commit vs one commit per record (synchronous=FULL)';

const ID = '33010619850412103X';

type Write = (store: KioskStore, i: number) => Promise<unknown>;
const ticket: Write = (s) => s.issueTicket({ queue: 'A', idNumber: ID });
const application: Write = (s, i) =>
  s.submitApplication({ matterId: 'social-insurance-proof', matterVersion: 1, applicant: { idNumber: ID, name: '张伟' },
    proofs: [{ proofType: 'social-insurance', satisfiedBy: 'data-check', detail: `DC-${i}` }] });

async function run(mode: 'group' | 'single', kind: string, write: Write, records: number, concurrency: number): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  const store = KioskStore.open({ dataDir: dir, kioskId: 'BENCH-K01', idHashKey: DEV_ID_HASH_KEY });
  let commits = 0;
  store.on('committed', () => commits++);
  const latencies: number[] = [];
  const timed = async (i: number) => {
    const t0 = performance.now();
    await write(store, i);
    latencies.push(performance.now() - t0);
  };
  const start = performance.now();
  if (mode === 'single') {
    for (let i = 0; i < records; i++) await timed(i);
  } else {
    // `concurrency` writers each issuing their next write as soon as the previous is durable.
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < records) await timed(next++);
    }));
  }
  const seconds = (performance.now() - start) / 1000;
  const pending = store.outbox.counts().pending;
  store.close();
  rmSync(dir, { recursive: true, force: true });
  if (pending !== records) throw new Error(`bench lost records: ${pending} of ${records}`);
  latencies.sort((a, b) => a - b);
  return {
    mode: mode === 'group' ? `group commit (${concurrency} writers)` : 'one commit per record',
    kind,
    records,
    'records/s': Math.round(records / seconds),
    transactions: commits,
    'p50 latency ms': percentile(latencies, 50),
    'p99 latency ms': percentile(latencies, 99),
  };
}

export async function bench(): Promise<BenchResult> {
  const rows = [
    await run('single', 'ticket', ticket, 3000, 1),
    await run('group', 'ticket', ticket, 30_000, 32),
    await run('group', 'ticket', ticket, 100_000, 64),
    await run('group', 'ticket', ticket, 100_000, 128),
    await run('group', 'ticket', ticket, 100_000, 256),
    await run('group', 'ticket', ticket, 100_000, 1024),
    await run('single', 'application (AES-GCM)', application, 2000, 1),
    await run('group', 'application (AES-GCM)', application, 50_000, 256),
  ];
  const speedup = Number(rows[4]?.['records/s']) / Number(rows[0]?.['records/s']);
  return {
    rows,
    notes: [
      `group commit (256 writers) / per-record commit (tickets): ${speedup.toFixed(1)}x`,
      'More writers = bigger groups: more records/s, and latency = time to build and fsync one group.',
      'goal: >= 50,000 durable records/s with <= 5 ms added latency per record (p99 above).',
      'Each row is written with its outbox row, sequence counter and idempotency key; "durable" = COMMIT returned under synchronous=FULL.',
    ],
  };
}
