import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations, openDatabase, StatementCache } from './database.js';
import { StoreTooNewError } from './errors.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'kiosk-db-')), 'kiosk.sqlite');

describe('openDatabase', () => {
  it('creates a fresh database with every migration, WAL and synchronous=FULL', () => {
    const path = tempFile();
    const db = openDatabase(path);
    const all = loadMigrations();
    expect(all.map((m) => m.name).slice(0, 3)).toEqual(['001_init.sql', '002_sync_state.sql', '003_applications_by_outbox_seq.sql']);
    expect(db.pragma('user_version', { simple: true })).toBe(all.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['tickets', 'applications', 'matters', 'verification_results', 'evaluations', 'outbox', 'audit_log', 'sync_state']));
    db.close();
  });

  it('upgrades a version-1 file to the latest in one step and keeps its rows', () => {
    const path = tempFile();
    const [first] = loadMigrations();
    const old = openDatabase(path, { migrations: [first!] });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old.prepare(`INSERT INTO meta (key, value) VALUES ('catalog_version', '7')`).run();
    expect(() => old.prepare('SELECT * FROM sync_state').all()).toThrow(/no such table/);
    old.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'catalog_version'`).get()).toEqual({ value: '7' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_state').get()).toEqual({ n: 0 });
    db.close();
  });

  it('rolls a failing migration back completely (user_version unchanged)', () => {
    const path = tempFile();
    const [first] = loadMigrations();
    const broken = { version: 2, name: '002_broken.sql', sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;' };
    expect(() => openDatabase(path, { migrations: [first!, broken] })).toThrow(/no such table/);
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name IN ('half_done', 'tickets')`).get()).toEqual({ n: 0 });
    raw.close();
  });

  it('refuses a database written by a newer kiosk with a typed error saying what to do', () => {
    const path = tempFile();
    openDatabase(path).close();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    let caught: unknown;
    try {
      openDatabase(path);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreTooNewError);
    expect((caught as StoreTooNewError).found).toBe(99);
    expect((caught as Error).message).toMatch(/install the newer kiosk version/);
  });

  it('caches prepared statements per SQL text', () => {
    const db = openDatabase(tempFile());
    const cache = new StatementCache(db);
    expect(cache.get('SELECT 1')).toBe(cache.get('SELECT 1'));
    expect(cache.get('SELECT 2')).not.toBe(cache.get('SELECT 1'));
    db.close();
  });
});
