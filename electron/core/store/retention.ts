/**
 * The retention backstop. After `retentionDays` a record keeps nothing personal and
 * nothing that links it to a citizen: the encrypted personal part is wiped (an undelivered
 * record is set aside for an operator), and every ID hash (tickets, applications,
 * verification results, the audit log, the outbox payloads) is cut, so the database holds
 * no visit history that can be joined up per citizen beyond the retention period.
 */
import type { Db, StatementCache } from './database.js';

const DAY_MS = 86_400_000;
export const DEFAULT_RETENTION_DAYS = 30;

/** Every ID-hash column and the timestamp that dates its row (ISO text). */
const LINKS: ReadonlyArray<{ table: string; columns: string[]; datedBy: string }> = [
  { table: 'tickets', columns: ['id_hash'], datedBy: 'issued_at' },
  { table: 'applications', columns: ['id_hash', 'agent_id_hash'], datedBy: 'submitted_at' },
  { table: 'verification_results', columns: ['id_hash'], datedBy: 'updated_at' },
  { table: 'audit_log', columns: ['id_hash'], datedBy: 'at' },
];

export class Retention {
  constructor(
    private readonly db: Db,
    private readonly statements: StatementCache,
    private readonly retentionDays: number,
    private readonly now: () => number,
  ) {}

  /** Wipes and unlinks what is older than the retention period; returns how many records lost personal data. */
  purgeExpired(): number {
    const cutoff = this.now() - this.retentionDays * DAY_MS;
    const cutoffIso = new Date(cutoff).toISOString();
    return this.db.transaction(() => {
      const applications = this.statements
        .get(`UPDATE applications SET personal_enc = NULL WHERE personal_enc IS NOT NULL AND submitted_at < ?`)
        .run(cutoffIso).changes;
      const outbox = this.statements.get(
        `UPDATE outbox SET personal_enc = NULL, state = CASE state WHEN 'pending' THEN 'quarantined' ELSE state END,
           last_error = COALESCE(last_error, 'retention expired before delivery') WHERE personal_enc IS NOT NULL AND created_at < ?`,
      ).run(cutoff).changes;
      this.statements.get(`DELETE FROM outbox WHERE state = 'delivered' AND delivered_at < ?`).run(cutoff);
      this.unlink(cutoff, cutoffIso);
      return applications + outbox;
    }).immediate();
  }

  private unlink(cutoff: number, cutoffIso: string): void {
    for (const { table, columns, datedBy } of LINKS) {
      const set = columns.map((c) => `${c} = NULL`).join(', ');
      const linked = columns.map((c) => `${c} IS NOT NULL`).join(' OR ');
      this.statements.get(`UPDATE ${table} SET ${set} WHERE (${linked}) AND ${datedBy} < ?`).run(cutoffIso);
    }
    // An old record still waiting (or set aside) keeps its payload, minus the link.
    this.statements.get(
      `UPDATE outbox SET payload = json_replace(payload, '$.idHash', NULL, '$.agentIdHash', NULL)
       WHERE created_at < ? AND (json_extract(payload, '$.idHash') IS NOT NULL OR json_extract(payload, '$.agentIdHash') IS NOT NULL)`,
    ).run(cutoff);
  }
}
