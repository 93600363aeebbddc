/**
 * Applies a batch of store-and-forward records in one transaction, honouring each
 * record's idempotency key: the first outcome is saved and replayed ('duplicate'); the
 * same key with a different body is rejected. Records are validated like the real
 * system would: a record that can never be valid is 'rejected' (the kiosk quarantines it).
 */
import { randomUUID } from 'node:crypto';
import {
  applicationPayload,
  evaluationPayload,
  ticketPayload,
  type RecordOutcome,
  type SyncBatchRequest,
  type SyncRecord,
} from '../../../electron/common/central-api.js';
import { hashIdNumber } from '../../../electron/core/store/crypto.js';
import { bodyHash, type SimDb } from './sim-db.js';

export interface RecordCounters {
  duplicatesRejected: number;
  idempotencyConflicts: number;
  rejectedRecords: number;
}

export interface ApplyContext {
  db: SimDb;
  hallKey: Buffer;
  verificationDelayMs: number;
  now: () => number;
  counters: RecordCounters;
}

export function applyBatch(ctx: ApplyContext, batch: SyncBatchRequest): RecordOutcome[] {
  return ctx.db.db.transaction(() => batch.records.map((r) => applyRecord(ctx, batch.kioskId, r)))();
}

function applyRecord(ctx: ApplyContext, kioskId: string, record: SyncRecord): RecordOutcome {
  const { db } = ctx;
  const hash = bodyHash({ kind: record.kind, seq: record.seq, payload: record.payload });
  const seen = db.sql('SELECT body_hash, outcome, reason FROM idempotency WHERE key = ?').get(record.idempotencyKey) as
    | { body_hash: string; outcome: string; reason: string | null }
    | undefined;
  const key = record.idempotencyKey;
  if (seen) {
    if (seen.body_hash !== hash) {
      ctx.counters.idempotencyConflicts++;
      return { idempotencyKey: key, outcome: 'rejected', reason: 'idempotency key reused with a different body (409)' };
    }
    if (seen.outcome === 'rejected') return { idempotencyKey: key, outcome: 'rejected', reason: seen.reason ?? 'rejected before' };
    ctx.counters.duplicatesRejected++;
    return { idempotencyKey: key, outcome: 'duplicate' };
  }
  const problem = validate(ctx, record);
  const at = ctx.now();
  if (problem) {
    ctx.counters.rejectedRecords++;
    db.sql('INSERT INTO idempotency (key, kiosk_id, body_hash, outcome, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(key, kioskId, hash, 'rejected', problem, at);
    return { idempotencyKey: key, outcome: 'rejected', reason: problem };
  }
  applyEffect(ctx, record, at);
  db.sql('INSERT INTO idempotency (key, kiosk_id, body_hash, outcome, reason, created_at) VALUES (?, ?, ?, ?, NULL, ?)').run(key, kioskId, hash, 'applied', at);
  db.sql('INSERT INTO effects (kind, idempotency_key, kiosk_id, seq, applied_at) VALUES (?, ?, ?, ?, ?)').run(record.kind, key, kioskId, record.seq, at);
  const kiosk = db.sql('SELECT last_seq FROM kiosks WHERE kiosk_id = ?').get(kioskId) as { last_seq: number } | undefined;
  const violation = kiosk !== undefined && record.seq <= kiosk.last_seq ? 1 : 0;
  db.sql(`INSERT INTO kiosks (kiosk_id, last_seq, order_violations) VALUES (?, ?, ?)
          ON CONFLICT(kiosk_id) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq), order_violations = order_violations + ?`)
    .run(kioskId, record.seq, violation, violation);
  return { idempotencyKey: key, outcome: 'applied' };
}

function validate(ctx: ApplyContext, record: SyncRecord): string | null {
  if (record.kind === 'ticket') {
    const r = ticketPayload.safeParse(record.payload);
    return r.success ? null : `invalid ticket: ${r.error.issues[0]?.message ?? 'bad payload'}`;
  }
  if (record.kind === 'evaluation') {
    const r = evaluationPayload.safeParse(record.payload);
    return r.success ? null : `invalid evaluation: ${r.error.issues[0]?.message ?? 'bad payload'}`;
  }
  const r = applicationPayload.safeParse(record.payload);
  if (!r.success) return `invalid application: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  if (!ctx.db.matterExists(r.data.matterId)) return `unknown matter "${r.data.matterId}" (422)`;
  if (hashIdNumber(r.data.applicant.idNumber, ctx.hallKey) !== r.data.idHash) return 'idHash does not match the applicant ID number (422)';
  return null;
}

function applyEffect(ctx: ApplyContext, record: SyncRecord, at: number): void {
  const { db } = ctx;
  if (record.kind === 'ticket') {
    const t = ticketPayload.parse(record.payload);
    const day = new Date(Date.parse(t.issuedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    db.sql('INSERT OR IGNORE INTO tickets (ticket_no, day, queue, issued_at) VALUES (?, ?, ?, ?)').run(t.ticketNo, day, t.queue, t.issuedAt);
  } else if (record.kind === 'application') {
    const a = applicationPayload.parse(record.payload);
    db.sql('INSERT OR IGNORE INTO applications (application_id, id_hash, matter_id, submitted_at) VALUES (?, ?, ?, ?)')
      .run(a.applicationId, a.idHash, a.matterId, a.submittedAt);
    for (const proof of a.proofs) {
      if (proof.satisfiedBy !== 'department-verification') continue;
      startVerification(ctx, a.applicationId, a.idHash, proof.proofType, at);
    }
  }
}

export function startVerification(ctx: ApplyContext, applicationId: string, idHash: string, proofType: string, at: number): string {
  const id = `VR-${randomUUID()}`;
  const citizen = ctx.db.citizen(idHash);
  const outcome = citizen && (proofType !== 'kinship' || citizen.kinship.length > 0) && !(proofType === 'no-criminal-record' && citizen.criminalRecord)
    ? 'confirmed' : 'refused';
  ctx.db.sql(`INSERT INTO verifications (verification_id, application_id, id_hash, proof_type, requested_at, complete_at, outcome)
              VALUES (?, ?, ?, ?, ?, ?, ?)`).run(id, applicationId, idHash, proofType, at, at + ctx.verificationDelayMs, outcome);
  return id;
}
