/**
 * The central simulator's own SQLite store: population (by ID hash), the idempotency
 * ledger, the effects applied (in application order), applications, department
 * verifications, tickets, the matter catalog.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Matter } from '../../../electron/common/central-api.js';
import { hashIdNumber } from '../../../electron/core/store/crypto.js';
import type { Citizen } from './population.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS citizens (id_hash TEXT PRIMARY KEY, household_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS citizens_household ON citizens(household_id);
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, body_hash TEXT NOT NULL,
  outcome TEXT NOT NULL, reason TEXT, response TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS effects (applied_order INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL, applied_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS kiosks (kiosk_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL DEFAULT 0,
  order_violations INTEGER NOT NULL DEFAULT 0, last_heartbeat INTEGER);
CREATE TABLE IF NOT EXISTS applications (application_id TEXT PRIMARY KEY, id_hash TEXT NOT NULL, matter_id TEXT NOT NULL,
  submitted_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS verifications (verification_id TEXT PRIMARY KEY, application_id TEXT NOT NULL, id_hash TEXT NOT NULL,
  proof_type TEXT NOT NULL, requested_at INTEGER NOT NULL, complete_at INTEGER NOT NULL, outcome TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tickets (ticket_no TEXT NOT NULL, day TEXT NOT NULL, queue TEXT NOT NULL, issued_at TEXT NOT NULL,
  PRIMARY KEY (day, ticket_no));
CREATE TABLE IF NOT EXISTS matters (matter_id TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export function bodyHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export class SimDb {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
  }

  sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    return s;
  }

  seedPopulation(people: Citizen[], hallKey: Buffer): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM citizens');
      const put = this.sql('INSERT INTO citizens (id_hash, household_id, body) VALUES (?, ?, ?)');
      for (const c of people) put.run(hashIdNumber(c.idNumber, hallKey), c.householdId, JSON.stringify(c));
    })();
  }

  citizen(idHash: string): Citizen | null {
    const row = this.sql('SELECT body FROM citizens WHERE id_hash = ?').get(idHash) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as Citizen) : null;
  }

  household(householdId: string): Citizen[] {
    return (this.sql('SELECT body FROM citizens WHERE household_id = ?').all(householdId) as Array<{ body: string }>).map(
      (r) => JSON.parse(r.body) as Citizen,
    );
  }

  seedCatalog(version: number, matters: Matter[]): void {
    if (this.catalogVersion() >= version) return;
    this.db.transaction(() => {
      const put = this.sql('INSERT OR REPLACE INTO matters (matter_id, version, body) VALUES (?, ?, ?)');
      for (const m of matters) put.run(m.id, m.version, JSON.stringify(m));
      this.setMeta('catalog_version', String(version));
    })();
  }

  catalogVersion(): number {
    return Number(this.meta('catalog_version') ?? '-1');
  }

  /** Publishes a changed matter under the next catalog version (for delta tests). */
  publishMatter(m: Omit<Matter, 'version'>): Matter {
    return this.db.transaction(() => {
      const version = this.catalogVersion() + 1;
      const full = { ...m, version };
      this.sql('INSERT OR REPLACE INTO matters (matter_id, version, body) VALUES (?, ?, ?)').run(m.id, version, JSON.stringify(full));
      this.setMeta('catalog_version', String(version));
      return full;
    })();
  }

  mattersSince(since: number): Matter[] {
    return (this.sql('SELECT body FROM matters WHERE version > ? ORDER BY matter_id').all(since) as Array<{ body: string }>).map(
      (r) => JSON.parse(r.body) as Matter,
    );
  }

  matterExists(id: string): boolean {
    return this.sql('SELECT 1 FROM matters WHERE matter_id = ?').get(id) !== undefined;
  }

  meta(key: string): string | null {
    return (this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  effectCounts(): Record<string, number> {
    const rows = this.sql('SELECT kind, COUNT(*) AS n FROM effects GROUP BY kind').all() as Array<{ kind: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  }

  effects(kioskId?: string): Array<{ appliedOrder: number; kind: string; idempotencyKey: string; kioskId: string; seq: number }> {
    const base = 'SELECT applied_order AS appliedOrder, kind, idempotency_key AS idempotencyKey, kiosk_id AS kioskId, seq FROM effects';
    return (kioskId ? this.sql(`${base} WHERE kiosk_id = ? ORDER BY applied_order`).all(kioskId) : this.sql(`${base} ORDER BY applied_order`).all()) as Array<{
      appliedOrder: number; kind: string; idempotencyKey: string; kioskId: string; seq: number;
    }>;
  }

  orderViolations(): number {
    return (this.sql('SELECT COALESCE(SUM(order_violations), 0) AS n FROM kiosks').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
