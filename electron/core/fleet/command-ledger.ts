/**
 * The ids of the fleet commands this kiosk received, kept in the store so a replayed id is
 * refused after a restart too. Bounded by time: a command may not live longer than
 * MAX_COMMAND_LIFETIME_MS (commands.ts refuses a later expiry), so an id older than that
 * would be refused as expired anyway and its row can go.
 */
import type { StatementCache } from '../store/database.js';

export const MAX_COMMAND_LIFETIME_MS = 24 * 3_600_000;

export interface CommandLedger {
  /** Records the id; false when it was already there (a replay). */
  remember(id: string, command: string | null, now: number): boolean;
}

export class StoredCommandLedger implements CommandLedger {
  constructor(private readonly statements: StatementCache) {}

  remember(id: string, command: string | null, now: number): boolean {
    this.statements.get(`DELETE FROM fleet_commands WHERE received_at < ?`).run(now - MAX_COMMAND_LIFETIME_MS);
    const inserted = this.statements
      .get(`INSERT INTO fleet_commands (id, received_at, command) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING`)
      .run(id, now, command);
    return inserted.changes === 1;
  }
}
