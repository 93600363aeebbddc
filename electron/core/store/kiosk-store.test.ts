import { describe, expect, it, afterEach } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskStore, hallDay } from './kiosk-store.js';
import { DEV_ID_HASH_KEY } from './crypto.js';
import { StoreFullError } from './errors.js';

const ID = '11010519491231002X';
const open: KioskStore[] = [];
function newStore(extra: Partial<Parameters<typeof KioskStore.open>[0]> = {}): KioskStore {
  const store = KioskStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-store-')), kioskId: 'HALL1-K07', idHashKey: DEV_ID_HASH_KEY, ...extra });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const s of open.splice(0)) if (s.db.open) s.close();
});

describe('KioskStore', () => {
  it('commits a burst issued in one tick as one transaction with increasing sequence numbers', async () => {
    const store = newStore();
    const commits: number[] = [];
    store.on('committed', (n) => commits.push(n));
    const tickets = await Promise.all(Array.from({ length: 25 }, () => store.issueTicket({ queue: 'A' })));
    expect(commits).toEqual([25]);
    expect(tickets.map((t) => t.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(tickets[0]!.ticketNo).toBe('A07-001');
    expect(tickets[24]!.ticketNo).toBe('A07-025');
    expect(new Set(tickets.map((t) => t.idempotencyKey)).size).toBe(25);
    expect(tickets.every((t) => t.idempotencyKey.startsWith('HALL1-K07:'))).toBe(true);
    expect(store.outbox.counts().pending).toBe(25);
  });

  it('a sustained burst (100 groups of 64 tickets) never waits for a checkpoint inside its commits', async () => {
    const store = newStore();
    // Checkpoint sequence number in the WAL header (bytes 12..15): it changes when a checkpoint let the WAL restart.
    const walCheckpoints = () => readFileSync(`${store.path}-wal`).readUInt32BE(12);
    await store.issueTicket({ queue: 'A', idNumber: ID });
    const before = walCheckpoints();
    for (let group = 0; group < 100; group++) {
      await Promise.all(Array.from({ length: 64 }, () => store.issueTicket({ queue: 'A', idNumber: ID })));
    }
    expect(walCheckpoints()).toBe(before); // SQLite's default (1000 pages) restarted it 3 times here
    expect(store.outbox.counts().pending).toBe(6401);
  });

  it('numbers tickets per queue and per hall day, so a new day starts at 001', async () => {
    let now = Date.parse('2026-03-01T15:50:00Z'); // 23:50 in the hall
    const store = newStore({ now: () => now });
    expect((await store.issueTicket({ queue: 'A' })).ticketNo).toBe('A07-001');
    expect((await store.issueTicket({ queue: 'V', priority: 'elderly' })).ticketNo).toBe('V07-001');
    now += 20 * 60_000; // 00:10 next day in the hall
    expect(hallDay(now)).toBe('2026-03-02');
    expect((await store.issueTicket({ queue: 'A' })).ticketNo).toBe('A07-001');
  });

  it('one failing write rejects only itself; the rest of the group commits', async () => {
    const store = newStore();
    const results = await Promise.allSettled([
      store.issueTicket({ queue: 'A' }),
      store.recordEvaluation({ subjectType: 'ticket', subjectId: 'A07-001', rating: 9 }), // CHECK fails
      store.issueTicket({ queue: 'A' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.outbox.counts().pending).toBe(2);
    // The failed write's sequence number was rolled back with it: no gap.
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.seq : null))).toEqual([1, null, 2]);
    expect((await store.issueTicket({ queue: 'A' })).seq).toBe(3);
  });

  it('keeps the application personal data encrypted and wipes it on delivery', async () => {
    const store = newStore();
    const app = await store.submitApplication({
      matterId: 'social-insurance-proof',
      matterVersion: 1,
      applicant: { idNumber: ID, name: '张三' },
      proofs: [{ proofType: 'social-insurance', satisfiedBy: 'data-check', detail: 'DC-1' }],
    });
    const row = store.db.prepare('SELECT payload, personal_enc FROM outbox WHERE seq = ?').get(app.seq) as { payload: string; personal_enc: Buffer };
    expect(row.payload).not.toContain(ID);
    expect(row.payload).toContain(store.idHash(ID));
    expect(row.personal_enc.includes(Buffer.from(ID))).toBe(false);
    const [record] = store.outbox.pendingBatch(10);
    expect((record!.payload as { applicant: { idNumber: string } }).applicant.idNumber).toBe(ID);
    expect(store.localApplicationsFor(ID)).toEqual([expect.objectContaining({ applicationId: app.id, state: 'buffered' })]);

    store.outbox.markDelivered([app.seq], Date.now());
    expect(store.db.prepare('SELECT personal_enc FROM outbox WHERE seq = ?').get(app.seq)).toEqual({ personal_enc: null });
    expect(store.db.prepare('SELECT personal_enc, state FROM applications').get()).toEqual({ personal_enc: null, state: 'forwarded' });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE id_hash = ?').get(store.idHash(ID))).toEqual({ n: 1 });
  });

  it('retention backstop wipes old personal data and sets an undelivered record aside', async () => {
    let now = Date.parse('2026-03-01T02:00:00Z');
    const store = newStore({ now: () => now, retentionDays: 30 });
    await store.submitApplication({ matterId: 'm', matterVersion: 1, applicant: { idNumber: ID, name: '张三' }, proofs: [] });
    now += 31 * 86_400_000;
    expect(store.purgeExpired()).toBe(2);
    expect(store.outbox.counts()).toMatchObject({ pending: 0, quarantined: 1 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM applications WHERE personal_enc IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('disk full: a typed "cannot accept" error, nothing committed lost, accepts again when space returns', async () => {
    const store = newStore();
    const kept = await Promise.all(Array.from({ length: 10 }, () => store.issueTicket({ queue: 'A' })));
    const events: StoreFullError[] = [];
    store.on('disk-full', (e) => events.push(e));
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`); // SQLite itself answers SQLITE_FULL
    const burst = await Promise.allSettled(Array.from({ length: 200 }, () => store.issueTicket({ queue: 'A' })));
    const failure = burst.find((r) => r.status === 'rejected');
    expect(failure && (failure as PromiseRejectedResult).reason).toBeInstanceOf(StoreFullError);
    expect(((failure as PromiseRejectedResult).reason as StoreFullError).citizenMessage).toMatch(/人工窗口/);
    expect(events.length).toBeGreaterThan(0);
    const acceptedDuringFull = burst.filter((r) => r.status === 'fulfilled').length;
    expect(store.outbox.counts().pending).toBe(10 + acceptedDuringFull);

    store.db.pragma('max_page_count = 1073741823');
    const after = await store.issueTicket({ queue: 'A' });
    expect(after.seq).toBeGreaterThan(kept[9]!.seq);
    expect(store.outbox.counts().pending).toBe(11 + acceptedDuringFull);
    expect(store.integrityCheck()).toBe('ok');
  });

  it('applies a full catalog, then a delta that withdraws a matter', () => {
    const store = newStore();
    const m = (id: string, version: number, withdrawn = false) => ({
      id, name: id, nameEn: id, category: 'c', handling: 'kiosk' as const, proofs: [], version, withdrawn,
    });
    store.applyCatalog(3, true, [m('a', 1), m('b', 3)]);
    store.applyCatalog(4, false, [m('b', 4, true), m('c', 4)]);
    expect(store.catalogVersion()).toBe(4);
    expect(store.matters().map((x) => x.id)).toEqual(['a', 'c']);
  });
});
