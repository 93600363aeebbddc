/** The local copy of the central matter catalog and the version it was last refreshed to. */
import type { Matter } from '../../common/central-api.js';
import type { Db, StatementCache } from './database.js';

export class CatalogTable {
  constructor(
    private readonly db: Db,
    private readonly statements: StatementCache,
  ) {}

  version(): number {
    const row = this.statements.get(`SELECT value FROM meta WHERE key = 'catalog_version'`).get() as { value: string } | undefined;
    return row ? Number(row.value) : -1;
  }

  /** Applies a catalog answer: `full` replaces everything, else merges the delta. */
  apply(version: number, full: boolean, matters: Matter[]): void {
    this.db.transaction(() => {
      if (full) this.db.exec('DELETE FROM matters');
      const put = this.statements.get(
        `INSERT INTO matters (matter_id, version, body, withdrawn) VALUES (?, ?, ?, ?)
         ON CONFLICT(matter_id) DO UPDATE SET version = excluded.version, body = excluded.body, withdrawn = excluded.withdrawn`,
      );
      for (const m of matters) put.run(m.id, m.version, JSON.stringify(m), m.withdrawn ? 1 : 0);
      this.statements.get(`INSERT OR REPLACE INTO meta (key, value) VALUES ('catalog_version', ?)`).run(String(version));
    }).immediate();
  }

  matters(): Matter[] {
    return (this.statements.get(`SELECT body FROM matters WHERE withdrawn = 0 ORDER BY matter_id`).all() as Array<{ body: string }>).map(
      (r) => JSON.parse(r.body) as Matter,
    );
  }
}
