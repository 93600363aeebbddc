/**
 * Per-kiosk monotonic counters (outbox sequence, daily ticket numbers): read once, bumped
 * in memory, written back once per group-commit transaction, forgotten on rollback.
 */
import type { StatementCache } from './database.js';

export class Counters {
  private readonly cache = new Map<string, { value: number; dirty: boolean }>();

  constructor(private readonly statements: StatementCache) {}

  bump(name: string): number {
    let counter = this.cache.get(name);
    if (!counter) {
      const row = this.statements.get('SELECT value FROM counters WHERE name = ?').get(name) as { value: number } | undefined;
      counter = { value: row?.value ?? 0, dirty: false };
      this.cache.set(name, counter);
    }
    counter.value++;
    counter.dirty = true;
    return counter.value;
  }

  /** Runs inside the transaction, just before COMMIT. */
  writeBack(): void {
    const put = this.statements.get('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value');
    for (const [name, counter] of this.cache) {
      if (!counter.dirty) continue;
      put.run(name, counter.value);
      counter.dirty = false;
    }
    // Old days' ticket counters are never bumped again: keep the cache small.
    if (this.cache.size > 64) this.cache.clear();
  }

  /** The transaction was rolled back: the bumps in memory never happened. */
  forget(): void {
    this.cache.clear();
  }
}
