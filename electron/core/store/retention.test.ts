/**
 * The retention backstop leaves no ID hash older than the retention period anywhere:
 * the scan reads every column of every table (and the file's bytes), so a table or
 * column added later that holds a hash is caught too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskStore } from './kiosk-store.js';
import { DEV_ID_HASH_KEY } from './crypto.js';
import { loadMigrations } from './database.js';

const OLD_CITIZEN = '11010519491231002X';
const OLD_AGENT = '330102199007042349';
const NEW_CITIZEN = '330106198811110018';
const DAY = 86_400_000;

const open: KioskStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) if (s.db.open) s.close();
});

/** Every (table, column, rowid) whose value contains one of `needles`. */
function scanAll(store: KioskStore, needles: string[]): string[] {
  const found: string[] = [];
  const tables = store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>;
  for (const { name } of tables) {
    for (const row of store.db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>) {
      for (const [column, value] of Object.entries(row)) {
        const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
        for (const needle of needles) if (text.includes(needle)) found.push(`${name}.${column}`);
      }
    }
  }
  return found;
}

describe('retention of ID-hash links', () => {
  it('after the retention period no table or column holds the old ID hashes; newer ones stay', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    let now = Date.parse('2026-03-01T02:00:00Z');
    const store = KioskStore.open({ dataDir, kioskId: 'HALL1-K07', idHashKey: DEV_ID_HASH_KEY, now: () => now, retentionDays: 30 });
    open.push(store);
    const oldHashes = [store.idHash(OLD_CITIZEN), store.idHash(OLD_AGENT)];

    // An old visit: a ticket, a data check, a proxy application (delivered), a pending ticket, an evaluation.
    const ticket = await store.issueTicket({ queue: 'A', idNumber: OLD_CITIZEN });
    await store.recordVerificationResult({ id: 'DC-1', idNumber: OLD_CITIZEN, proofType: 'social-insurance', method: 'data-check', state: 'confirmed' });
    const app = await store.submitApplication({
      matterId: 'm', matterVersion: 1, applicant: { idNumber: OLD_CITIZEN, name: '张三' }, agentIdNumber: OLD_AGENT, proofs: [],
    });
    store.outbox.markDelivered([ticket.seq, app.seq], now + 1000);
    await store.issueTicket({ queue: 'V', idNumber: OLD_AGENT }); // never delivered
    await store.recordEvaluation({ subjectType: 'ticket', subjectId: ticket.ticketNo, rating: 5 });
    store.audit('kiosk', 'overview.read', oldHashes[0]!, null, 'citizen overview');
    expect(scanAll(store, oldHashes).length).toBeGreaterThan(5); // the scan finds them where they are

    now += 29 * DAY;
    store.purgeExpired();
    expect(scanAll(store, oldHashes).length).toBeGreaterThan(5); // not before the period is over

    now += 2 * DAY;
    const fresh = await store.issueTicket({ queue: 'A', idNumber: NEW_CITIZEN });
    await store.recordVerificationResult({ id: 'DC-2', idNumber: NEW_CITIZEN, proofType: 'social-insurance', method: 'data-check', state: 'confirmed' });
    store.purgeExpired();

    expect(scanAll(store, oldHashes)).toEqual([]);
    expect(scanAll(store, [store.idHash(NEW_CITIZEN)]).sort()).toEqual(['audit_log.id_hash', 'outbox.payload', 'tickets.id_hash', 'verification_results.id_hash']);
    // What is left of the old visit is still there, only unlinked.
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: 3 });
    expect(store.db.prepare(`SELECT state, id_hash, agent_id_hash FROM applications`).get()).toEqual({ state: 'forwarded', id_hash: null, agent_id_hash: null });
    expect(store.outbox.pendingBatch(10).filter((r) => r.kind === 'ticket').map((r) => (r.payload as { idHash: string | null }).idHash)).toEqual([null, store.idHash(NEW_CITIZEN)]);
    expect(fresh.seq).toBeGreaterThan(0);

    store.close(); // checkpoint; secure_delete has overwritten the freed bytes
    const bytes = readFileSync(join(dataDir, 'kiosk.sqlite'));
    expect(oldHashes.filter((h) => bytes.includes(Buffer.from(h)))).toEqual([]);
  });

  it('migration 004 keeps the applications and data checks of a version-3 file, and lets their links be cut', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-004-'));
    const v3 = KioskStore.open({ dataDir, kioskId: 'K7', idHashKey: DEV_ID_HASH_KEY, migrations: loadMigrations().slice(0, 3) });
    await v3.submitApplication({ matterId: 'm', matterVersion: 1, applicant: { idNumber: OLD_CITIZEN, name: '张三' }, proofs: [] });
    await v3.recordVerificationResult({ id: 'DC-1', idNumber: OLD_CITIZEN, proofType: 'p', method: 'data-check', state: 'confirmed' });
    expect(() => v3.db.prepare('UPDATE applications SET id_hash = NULL').run()).toThrow(/NOT NULL/);
    v3.close();
    // Up to 004 only: this test is about that migration, whatever later ones add.
    const v4 = KioskStore.open({ dataDir, kioskId: 'K7', idHashKey: DEV_ID_HASH_KEY, migrations: loadMigrations().slice(0, 4) });
    open.push(v4);
    expect(v4.db.pragma('user_version', { simple: true })).toBe(4);
    expect(v4.localApplicationsFor(OLD_CITIZEN)).toHaveLength(1);
    expect(v4.db.prepare('SELECT COUNT(*) AS n FROM verification_results WHERE id_hash = ?').get(v4.idHash(OLD_CITIZEN))).toEqual({ n: 1 });
    expect(v4.db.prepare('UPDATE applications SET id_hash = NULL').run().changes).toBe(1);
    expect(v4.db.prepare('UPDATE verification_results SET id_hash = NULL').run().changes).toBe(1);
  });
});
