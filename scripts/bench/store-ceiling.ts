/**
 * The store bench's same-run ceiling: the very writes of N records (the same statements
 * and values as the store's, from RecordWriter's plans) in one transaction with one
 * commit, no concurrency and no group commit. `writerInOneTransaction` adds the plans'
 * own work (numbers, HMAC, JSON, encryption) to it, so the two rows split a record's cost
 * into SQL, values and (in the group-commit rows) commits.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditLog } from '../../electron/core/store/audit-log.js';
import { Counters } from '../../electron/core/store/counters.js';
import { DEV_ID_HASH_KEY, FieldCipher, hashIdNumber } from '../../electron/core/store/crypto.js';
import { openDatabase, StatementCache, type Db } from '../../electron/core/store/database.js';
import { RecordWriter } from '../../electron/core/store/records.js';
import type { IssueTicketInput, SubmitApplicationInput } from '../../electron/core/store/record-types.js';

export type CeilingRecord =
  | { kind: 'ticket'; input: (i: number) => IssueTicketInput }
  | { kind: 'application'; input: (i: number) => SubmitApplicationInput };

interface Harness { db: Db; writer: RecordWriter; counters: Counters; close(): void }

function harness(): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'store-ceiling-'));
  const db = openDatabase(join(dir, 'kiosk.sqlite')); // the store's own pragmas (WAL, synchronous=FULL) and schema
  const statements = new StatementCache(db);
  const counters = new Counters(statements);
  const writer = new RecordWriter({
    statements, counters, cipher: new FieldCipher(randomBytes(32)), audit: new AuditLog(statements, Date.now),
    idHash: (id) => hashIdNumber(id, DEV_ID_HASH_KEY), kioskId: 'BENCH-K01', ticketTag: '01', timeZone: 'Asia/Shanghai', now: Date.now,
  });
  return { db, writer, counters, close: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Records/s of the SQL alone: values planned beforehand, all rows in one transaction, one COMMIT. */
export function sqlCeiling(record: CeilingRecord, records: number): number {
  const h = harness();
  try {
    const { writer } = h;
    let write: () => void;
    if (record.kind === 'ticket') {
      const plans = Array.from({ length: records }, (_, i) => writer.planTicket(record.input(i)));
      write = () => plans.forEach((plan) => writer.writeTicket(plan));
    } else {
      const plans = Array.from({ length: records }, (_, i) => writer.planApplication(record.input(i)));
      write = () => plans.forEach((plan) => writer.writeApplication(plan));
    }
    const start = performance.now();
    h.db.transaction(() => {
      write();
      h.counters.writeBack();
    }).immediate();
    return records / ((performance.now() - start) / 1000);
  } finally {
    h.close();
  }
}

/** Records/s of the store's writer (plan + SQL) for all records in one transaction: no group commit. */
export function writerInOneTransaction(record: CeilingRecord, records: number): number {
  const h = harness();
  try {
    const { writer } = h;
    const start = performance.now();
    h.db.transaction(() => {
      for (let i = 0; i < records; i++) {
        if (record.kind === 'ticket') writer.issueTicket(record.input(i));
        else writer.submitApplication(record.input(i));
      }
      h.counters.writeBack();
    }).immediate();
    return records / ((performance.now() - start) / 1000);
  } finally {
    h.close();
  }
}
