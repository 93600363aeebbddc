/**
 * Durable records/s into the kiosk store, all with synchronous=FULL: group commit
 * (concurrent writes of one tick share a transaction and its fsync) and one commit per
 * record, each against the same machine's ceiling measured just before it: the same
 * records' writes in one transaction (store-ceiling.ts), and the store's writer in one
 * transaction, which splits the row's time per record into SQL, values and commits.
 * Latency = from the write call to its durable acknowledgement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import type { IssueTicketInput, SubmitApplicationInput } from '../../electron/core/store/record-types.js';
import type { BenchResult, BenchRow } from './bench-row.js';
import { sqlCeiling, writerInOneTransaction, type CeilingRecord } from './store-ceiling.js';
import { median, percentile } from './stats.js';

export const title = 'Store: durable records/s, group commit vs one commit per record (synchronous=FULL), against the same-run ceiling';

const ID = '33010619850412103X';
const GOAL_RATIO = 0.7;
const GOAL_P99_MS = 5;
const GOAL = `≥ ${GOAL_RATIO * 100} % of ceiling at p99 ≤ ${GOAL_P99_MS} ms`;

const ticketInput = (): IssueTicketInput => ({ queue: 'A', idNumber: ID });
const applicationInput = (i: number): SubmitApplicationInput => ({
  matterId: 'social-insurance-proof', matterVersion: 1, applicant: { idNumber: ID, name: '张伟' },
  proofs: [{ proofType: 'social-insurance', satisfiedBy: 'data-check', detail: `DC-${i}` }],
});
const TICKET: CeilingRecord = { kind: 'ticket', input: ticketInput };
const APPLICATION: CeilingRecord = { kind: 'application', input: applicationInput };

function write(store: KioskStore, record: CeilingRecord, i: number): Promise<unknown> {
  return record.kind === 'ticket' ? store.issueTicket(record.input(i)) : store.submitApplication(record.input(i));
}

async function run(record: CeilingRecord, records: number, writers: number | 'single'): Promise<BenchRow> {
  const ceiling = sqlCeiling(record, records); // measured now, next to the row it bounds
  const writer = writerInOneTransaction(record, records); // the same records with their values computed: splits the row's time
  const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  const store = KioskStore.open({ dataDir: dir, kioskId: 'BENCH-K01', idHashKey: DEV_ID_HASH_KEY });
  let commits = 0;
  store.on('committed', () => commits++);
  const latencies: number[] = [];
  const timed = async (i: number) => {
    const t0 = performance.now();
    await write(store, record, i);
    latencies.push(performance.now() - t0);
  };
  const start = performance.now();
  if (writers === 'single') {
    for (let i = 0; i < records; i++) await timed(i);
  } else {
    // `writers` concurrent writers, each issuing its next write as soon as the previous is durable.
    let next = 0;
    await Promise.all(Array.from({ length: writers }, async () => {
      while (next < records) await timed(next++);
    }));
  }
  const perSecond = records / ((performance.now() - start) / 1000);
  const pending = store.outbox.counts().pending;
  store.close();
  rmSync(dir, { recursive: true, force: true });
  if (pending !== records) throw new Error(`bench lost records: ${pending} of ${records}`);
  const p99 = percentile(latencies, 99);
  const ratio = perSecond / ceiling;
  return {
    mode: writers === 'single' ? 'one commit per record' : `group commit (${writers} writers)`,
    kind: record.kind,
    records,
    'records/s': Math.round(perSecond),
    'µs/record': 1e6 / perSecond,
    'SQL µs': 1e6 / ceiling,
    'values µs': 1e6 / writer - 1e6 / ceiling,
    'commit+wait µs': 1e6 / perSecond - 1e6 / writer,
    transactions: commits,
    'p50 latency ms': percentile(latencies, 50),
    'p99 latency ms': p99,
    limit: Math.round(ceiling),
    ratio,
    goal: writers === 'single' ? '' : GOAL,
    met: writers === 'single' ? '' : ratio >= GOAL_RATIO && p99 <= GOAL_P99_MS,
  };
}

/** The medians of the figures measured next to each row: the ceiling, and the writer (values + SQL). */
function ceilingRows(record: CeilingRecord, records: number, measured: BenchRow[]): BenchRow[] {
  const sql = median(measured.map((r) => Number(r.limit)));
  const writer = median(measured.map((r) => 1e6 / (Number(r['SQL µs']) + Number(r['values µs']))));
  return [
    { mode: 'ceiling: the same writes in one transaction (SQL only)', kind: record.kind, records, 'records/s': Math.round(sql), 'µs/record': 1e6 / sql,
      transactions: 1, limit: '', ratio: '', goal: '', met: '' },
    { mode: "the store's writer in one transaction (values + SQL)", kind: record.kind, records, 'records/s': Math.round(writer), 'µs/record': 1e6 / writer,
      transactions: 1, limit: Math.round(sql), ratio: writer / sql, goal: '', met: '' },
  ];
}

export async function bench(): Promise<BenchResult> {
  const tickets = [
    await run(TICKET, 3000, 'single'),
    await run(TICKET, 30_000, 32),
    await run(TICKET, 50_000, 64),
    await run(TICKET, 100_000, 128),
    await run(TICKET, 100_000, 256),
    await run(TICKET, 100_000, 1024),
  ];
  const applications = [await run(APPLICATION, 2000, 'single'), await run(APPLICATION, 50_000, 256)];
  const rows = [
    ...ceilingRows(TICKET, 100_000, tickets),
    ...tickets,
    ...ceilingRows(APPLICATION, 50_000, applications),
    ...applications,
  ];
  const best = tickets.filter((r) => r.met === true).map((r) => r.mode);
  return {
    rows,
    notes: [
      "limit = the ceiling: the same records' writes (RecordWriter's planned values, the store's statements) in one transaction with one COMMIT, measured just before each row; ratio = records/s over it.",
      `Goal: ${GOAL} for some writer count: ${best.length ? `met with ${best.join(', ')}` : 'not met in this run'}. The two rows above each kind's show the medians of the figures measured next to its rows.`,
      "A row's µs/record split, from the ceiling and the store's writer in one transaction measured next to it: SQL µs = the ceiling's, values µs = the writer's minus it (numbers, HMAC, JSON, AES-GCM), commit+wait µs = the row's minus the writer's (BEGIN/COMMIT with its fsync per group, checkpoints, the promises). The machine is shared: a piece can come out negative when the load changed between the three.",
      '"values + SQL" / ceiling = the share of the SQL in a record; the rest of a group-commit row\'s gap is its commits (WAL frames + fsync per group, checkpoints) and the promises.',
      'More writers = bigger groups: more records/s, and latency = time to build and fsync one group.',
      'Each row is written with its outbox row, sequence counter and idempotency key; "durable" = COMMIT returned under synchronous=FULL.',
    ],
  };
}
