/** The maintenance pad's wrong-PIN count and lockout (maintenance-desk.ts), one fsynced row. */
import type { StatementCache } from './database.js';

export interface StoredLockout {
  failures: number;
  lockedUntil: number;
}

export class MaintenanceLockoutTable {
  constructor(private readonly statements: StatementCache) {}

  load(): StoredLockout {
    const row = this.statements.get(`SELECT failures, locked_until AS lockedUntil FROM maintenance_lockout WHERE id = 1`).get() as
      | StoredLockout
      | undefined;
    return row ?? { failures: 0, lockedUntil: 0 };
  }

  save(state: StoredLockout): void {
    this.statements
      .get(`INSERT INTO maintenance_lockout (id, failures, locked_until) VALUES (1, ?, ?)
            ON CONFLICT(id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`)
      .run(state.failures, Math.round(state.lockedUntil));
  }
}
