/**
 * Disk full on a real small filesystem: a 1 MiB tmpfs mounted for the test (root only;
 * otherwise SQLite's own max_page_count produces the same SQLITE_FULL). The store must
 * answer a typed "cannot accept" error, lose nothing it acknowledged, and accept again
 * once space returns; what it holds then drains to the central simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { StoreFullError } from '../../electron/core/store/errors.js';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { Forwarder } from '../../electron/core/sync/forwarder.js';
import { startCentralSimulator } from '../../scripts/sim/central/server.js';
import { buildPopulation } from '../../scripts/sim/central/population.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tryMountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('disk full', () => {
  it('refuses with a typed error, keeps every acknowledged record, and recovers when space returns', async () => {
    const root = mkdtempSync(join(tmpdir(), 'store-full-'));
    const dataDir = join(root, 'kiosk');
    execFileSync('mkdir', ['-p', dataDir]);
    const mounted = tryMountTmpfs(dataDir, '1M');
    if (mounted) cleanups.push(() => void execFileSync('umount', ['-l', dataDir]));
    const store = KioskStore.open({ dataDir, kioskId: 'HALL1-K05', idHashKey: DEV_ID_HASH_KEY });
    cleanups.push(() => store.close());
    console.info(mounted ? 'disk full via a 1 MiB tmpfs' : 'disk full via max_page_count (not root)');
    if (!mounted) store.db.pragma(`max_page_count = ${(store.db.pragma('page_count', { simple: true }) as number) + 200}`);
    const person = buildPopulation(Date.now(), 0)[0]!;

    const application = () => store.submitApplication({
      matterId: 'kinship-proof', matterVersion: 1, applicant: { idNumber: person.idNumber, name: person.name },
      proofs: [{ proofType: 'kinship', satisfiedBy: 'department-verification', detail: null }],
      answers: { note: '这是一段用来占用空间的说明文字。'.repeat(20) },
    });
    const acked: string[] = [];
    let failure: unknown = null;
    for (let burst = 0; burst < 2000 && !failure; burst++) {
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? store.issueTicket({ queue: 'A' }) : application())));
      for (const r of results) {
        if (r.status === 'fulfilled') acked.push(r.value.idempotencyKey);
        else failure = r.reason;
      }
    }
    expect(failure).toBeInstanceOf(StoreFullError);
    expect((failure as StoreFullError).message).toMatch(/disk is full.*Free space/);
    expect((failure as StoreFullError).citizenMessage).toBe('本机暂时无法受理，请到人工窗口办理或稍后再试');
    expect(acked.length).toBeGreaterThan(50);
    expect(((failure as StoreFullError).cause as { code?: string }).code).toMatch(/SQLITE_FULL|SQLITE_IOERR/);

    // Still full: a group as big as the one refused is refused again, typed.
    const again = await Promise.allSettled(Array.from({ length: 20 }, () => application()));
    expect(again.some((r) => r.status === 'rejected' && r.reason instanceof StoreFullError)).toBe(true);
    for (const r of again) if (r.status === 'fulfilled') acked.push(r.value.idempotencyKey);
    const has = store.db.prepare('SELECT 1 FROM outbox WHERE idempotency_key = ?');
    expect(acked.filter((k) => !has.get(k))).toEqual([]);

    // Space returns.
    if (mounted) execFileSync('mount', ['-o', 'remount,size=64M', dataDir]);
    else store.db.pragma('max_page_count = 1073741823');
    const after = await store.issueTicket({ queue: 'A' });
    acked.push(after.idempotencyKey);
    expect(store.integrityCheck()).toBe('ok');
    expect(store.outbox.counts().pending).toBe(acked.length);

    const sim = await startCentralSimulator({ dataDir: join(root, 'central'), extraPopulation: 0 });
    cleanups.push(() => sim.close());
    const forwarder = new Forwarder({ store, client: new CentralClient({ baseUrl: sim.url, token: 'token-k05' }), idlePollMs: 20 });
    cleanups.push(() => forwarder.stop());
    forwarder.start();
    await forwarder.waitUntilDrained(60_000);
    expect(new Set(sim.db.effects().map((e) => e.idempotencyKey))).toEqual(new Set(acked));
  });
});
