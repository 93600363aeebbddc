/**
 * After sessions that submit applications, record data checks, forward some records,
 * quarantine one and leave others buffered offline, a byte scan of the kiosk database,
 * its -wal and -shm files and the sync log finds no plaintext ID number or name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { Forwarder } from '../../electron/core/sync/forwarder.js';
import { startCentralSimulator } from '../../scripts/sim/central/server.js';
import { buildPopulation } from '../../scripts/sim/central/population.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Which of `secrets` appear in the file as UTF-8 or UTF-16LE bytes. */
function scan(path: string, secrets: string[]): string[] {
  if (!existsSync(path)) return [];
  const bytes = readFileSync(path);
  return secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')));
}

describe('no plaintext personal data at rest', () => {
  it('leaves no ID number or name in the database, WAL, shared memory or sync log', async () => {
    const root = mkdtempSync(join(tmpdir(), 'store-privacy-'));
    const dataDir = join(root, 'kiosk');
    const logFile = join(dataDir, 'logs', 'sync.log');
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    const sim = await startCentralSimulator({ dataDir: join(root, 'central'), extraPopulation: 0 });
    cleanups.push(() => sim.close());
    const store = KioskStore.open({ dataDir, kioskId: 'HALL1-K06', idHashKey: DEV_ID_HASH_KEY });
    cleanups.push(() => (store.db.open ? store.close() : undefined));
    const client = new CentralClient({ baseUrl: sim.url, token: 'token-k06', timeoutMs: 500 });
    const forwarder = new Forwarder({ store, client, batchSize: 5, idlePollMs: 20, backoffBaseMs: 20, backoffMaxMs: 100 });
    cleanups.push(() => forwarder.stop());
    const log = (line: string) => appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
    forwarder.on('status', (s) => log(`sync ${JSON.stringify(s)}`));
    forwarder.on('alert', (a) => log(`ALERT ${a}`));

    const people = buildPopulation(Date.now(), 0).slice(0, 8);
    const secrets = people.flatMap((p) => [p.idNumber, p.name]);
    const session = async (p: (typeof people)[number], matterId = 'social-insurance-proof') => {
      const idHash = store.idHash(p.idNumber);
      const check = await client.dataCheck({ idHash, proofType: 'social-insurance' });
      log(`data check ${check.reference} ${check.result}`);
      await store.recordVerificationResult({ id: check.reference, idNumber: p.idNumber, proofType: 'social-insurance', method: 'data-check', state: check.result, reference: check.reference });
      await store.issueTicket({ queue: 'A', idNumber: p.idNumber });
      await store.submitApplication({ matterId, matterVersion: 1, applicant: { idNumber: p.idNumber, name: p.name, phone: '13800000000' },
        proofs: [{ proofType: 'social-insurance', satisfiedBy: 'data-check', detail: check.reference }] });
      await store.recordEvaluation({ subjectType: 'session', subjectId: idHash.slice(0, 12), rating: 5 });
    };

    forwarder.start();
    for (const p of people.slice(0, 4)) await session(p);
    await session(people[4]!, 'no-such-matter'); // poison: quarantined, personal data kept encrypted
    await forwarder.waitUntilDrained(20_000);
    sim.faults.apply({ down: true }); // offline: the rest stays buffered, encrypted
    for (const p of people.slice(5)) await session(p).catch(async () => {
      // data check unreachable offline: the matter falls back to a commitment
      await store.submitApplication({ matterId: 'social-insurance-proof', matterVersion: 1, applicant: { idNumber: p.idNumber, name: p.name },
        proofs: [{ proofType: 'social-insurance', satisfiedBy: 'commitment', detail: '本人承诺' }] });
    });
    expect(store.outbox.counts().pending).toBeGreaterThan(0);
    expect(store.outbox.counts().quarantined).toBe(1);

    const db = join(dataDir, 'kiosk.sqlite');
    expect(statSync(`${db}-wal`).size).toBeGreaterThan(0); // the WAL really holds the recent writes
    for (const file of [db, `${db}-wal`, `${db}-shm`, logFile]) expect(scan(file, secrets), file).toEqual([]);
    // The scan does find plaintext where it is: the central simulator keeps its population in clear.
    const central = join(root, 'central', 'central.sqlite');
    expect([...scan(central, [people[0]!.idNumber]), ...scan(`${central}-wal`, [people[0]!.idNumber])]).toContain(people[0]!.idNumber);

    await forwarder.stop();
    store.close(); // checkpoint: the WAL is folded into the main file
    expect(scan(db, secrets)).toEqual([]);
  });
});
