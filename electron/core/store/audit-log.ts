/** Who read which citizen's personal data, when and why (the ID number only as its hash). */
import type { StatementCache } from './database.js';
import { isoTime } from './iso-time.js';

export class AuditLog {
  constructor(
    private readonly statements: StatementCache,
    private readonly now: () => number,
  ) {}

  /** Synchronous: call inside a group-commit write or on its own (then it is its own fsynced commit). */
  write(actor: string, action: string, idHash: string | null, subject: string | null, purpose: string): void {
    this.statements
      .get(`INSERT INTO audit_log (at, actor, action, id_hash, subject, purpose) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(isoTime(this.now()), actor, action, idHash, subject, purpose);
  }
}
