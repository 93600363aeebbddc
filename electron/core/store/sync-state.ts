/** The forwarder's small key-value state that must survive restarts (last success, …). */
import type { StatementCache } from './database.js';

export class SyncStateTable {
  constructor(private readonly statements: StatementCache) {}

  get(key: string): string | null {
    const row = this.statements.get(`SELECT value FROM sync_state WHERE key = ?`).get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.statements.get(`INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)`).run(key, value);
  }
}
