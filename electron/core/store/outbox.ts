/**
 * The outbox as the forwarder sees it: pending records in sequence order (decrypted
 * only in memory, just before sending), and the per-record outcomes written back.
 * Delivery wipes the record's personal data (outbox and application row).
 */
import type { RecordKind, SyncRecord } from '../../common/central-api.js';
import type { StatementCache } from './database.js';
import type { FieldCipher } from './crypto.js';

export interface OutboxRow {
  seq: number;
  idempotency_key: string;
  kind: RecordKind;
  payload: string;
  personal_enc: Buffer | null;
  created_at: number;
  attempts: number;
}

export interface SyncCounts {
  pending: number;
  oldestPendingCreatedAt: number | null;
  quarantined: number;
  delivered: number;
}

export function outboxContext(seq: number): string {
  return `outbox:${seq}`;
}

export class OutboxQueries {
  constructor(
    private readonly statements: StatementCache,
    private readonly cipher: FieldCipher,
  ) {}

  /** The first `limit` pending records in seq order, personal parts decrypted. */
  pendingBatch(limit: number, afterSeq = 0): SyncRecord[] {
    const rows = this.statements
      .get(`SELECT seq, idempotency_key, kind, payload, personal_enc, created_at, attempts FROM outbox
            WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?`)
      .all(afterSeq, limit) as OutboxRow[];
    return rows.map((row) => {
      const payload = JSON.parse(row.payload) as Record<string, unknown>;
      const personal = row.personal_enc
        ? this.cipher.decrypt<Record<string, unknown>>(row.personal_enc, outboxContext(row.seq))
        : {};
      return {
        idempotencyKey: row.idempotency_key,
        seq: row.seq,
        kind: row.kind,
        createdAt: new Date(row.created_at).toISOString(),
        payload: { ...payload, ...personal },
      };
    });
  }

  markDelivered(seqs: number[], now: number): void {
    const outbox = this.statements.get(
      `UPDATE outbox SET state = 'delivered', personal_enc = NULL, delivered_at = ?, last_error = NULL WHERE seq = ?`,
    );
    const application = this.statements.get(
      `UPDATE applications SET personal_enc = NULL, state = 'forwarded' WHERE outbox_seq = ?`,
    );
    for (const seq of seqs) {
      outbox.run(now, seq);
      application.run(seq);
    }
  }

  markAttempt(seqs: number[], error: string, nextAttemptAt: number): void {
    const stmt = this.statements.get(
      `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ? AND state = 'pending'`,
    );
    // STRICT INTEGER column: whole milliseconds, whatever arithmetic produced the time.
    const at = Math.ceil(nextAttemptAt);
    for (const seq of seqs) stmt.run(error, at, seq);
  }

  /** A record that will never succeed: set aside (personal data kept encrypted for an operator). */
  quarantine(seq: number, reason: string): void {
    this.statements.get(`UPDATE outbox SET state = 'quarantined', last_error = ? WHERE seq = ?`).run(reason, seq);
    this.statements.get(`UPDATE applications SET state = 'quarantined' WHERE outbox_seq = ?`).run(seq);
  }

  /** Index range counts (outbox_pending is on (state, seq)): no scan of the delivered history. */
  counts(): SyncCounts {
    const count = this.statements.get('SELECT COUNT(*) AS n FROM outbox WHERE state = ?');
    const pending = this.statements
      .get(`SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE state = 'pending'`)
      .get() as { n: number; oldest: number | null };
    return {
      pending: pending.n,
      oldestPendingCreatedAt: pending.oldest,
      quarantined: (count.get('quarantined') as { n: number }).n,
      delivered: (count.get('delivered') as { n: number }).n,
    };
  }

  quarantined(): Array<{ seq: number; kind: string; idempotencyKey: string; reason: string | null }> {
    return this.statements
      .get(`SELECT seq, kind, idempotency_key AS idempotencyKey, last_error AS reason FROM outbox WHERE state = 'quarantined' ORDER BY seq`)
      .all() as Array<{ seq: number; kind: string; idempotencyKey: string; reason: string | null }>;
  }
}
