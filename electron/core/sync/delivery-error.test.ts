/**
 * A central's error body that echoes a citizen (ID number, name) never reaches the
 * outbox, the sync status the page gets, or the alerts: only a class, a status and our
 * own hint do. Real CentralClient over a scripted fetch; real store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskStore } from '../store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../store/crypto.js';
import { CentralClient, CentralError } from './central-client.js';
import { Forwarder } from './forwarder.js';
import { describeDeliveryError, describeRejection } from './delivery-error.js';

const ID = '11010519491231002X';
const NAME = '张三';
const PHONE = '13800138000';
const LEAKY = `record of ${NAME} ${ID} (phone ${PHONE}) is invalid`;

const stores: KioskStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function rig(respond: () => Response, scripted?: Pick<CentralClient, 'sendBatch'>) {
  const store = KioskStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'delivery-error-')), kioskId: 'HALL1-K01', idHashKey: DEV_ID_HASH_KEY, now: () => 1_000_000 });
  stores.push(store);
  const client = (scripted as CentralClient | undefined) ?? new CentralClient({ baseUrl: 'http://central.test', token: 't', fetch: async () => respond() });
  const forwarder = new Forwarder({ store, client, batchSize: 10, backoffBaseMs: 1000, random: () => 0, now: () => 1_000_000 });
  const alerts: string[] = [];
  forwarder.on('alert', (a) => alerts.push(a));
  const lastErrors = () => (store.db.prepare('SELECT last_error FROM outbox').all() as Array<{ last_error: string | null }>).map((r) => r.last_error);
  return { store, forwarder, alerts, lastErrors };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function expectNothingPersonal(texts: Array<string | null>): void {
  for (const text of texts) {
    expect(text).not.toContain(ID);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(PHONE);
    expect(text ?? '').not.toMatch(/\d{6,}/);
  }
}

describe('what is kept of a failed delivery', () => {
  it('a 503 whose body names the citizen: stored and shown as "server 503" and our hint', async () => {
    const { store, forwarder, alerts, lastErrors } = rig(() => json(503, { title: LEAKY, status: 503 }));
    await store.submitApplication({ matterId: 'm', matterVersion: 1, applicant: { idNumber: ID, name: NAME, phone: PHONE }, proofs: [] });
    await forwarder.deliverOnce();
    expect(lastErrors()).toEqual(['server 503: central server error: retrying with backoff']);
    expect(forwarder.status().lastError).toBe('server 503: central server error: retrying with backoff');
    expectNothingPersonal([...lastErrors(), forwarder.status().lastError, ...alerts]);
  });

  it('a 422 for one record whose text names the citizen: quarantined as "rejected 422", alert without the text', async () => {
    const { store, forwarder, alerts, lastErrors } = rig(() => new Response(LEAKY, { status: 422 }));
    await store.submitApplication({ matterId: 'm', matterVersion: 1, applicant: { idNumber: ID, name: NAME }, proofs: [] });
    await forwarder.deliverOnce();
    expect(store.outbox.quarantined().map((q) => q.reason)).toEqual(['rejected 422: rejected by central']);
    expectNothingPersonal([...lastErrors(), forwarder.status().lastError, ...alerts]);
    expect(alerts.join('\n')).toContain('quarantined');
  });

  it('a per-record rejection reason: a code is kept (digits masked), free text is not', async () => {
    const { store, forwarder, alerts } = rig(() => json(500, {}), {
      sendBatch: async (req) => ({
        results: req.records.map((r, i) => ({ idempotencyKey: r.idempotencyKey, outcome: 'rejected' as const, reason: i === 0 ? LEAKY : 'unknown-matter-42' })),
      }),
    });
    await store.issueTicket({ queue: 'A', idNumber: ID });
    await store.issueTicket({ queue: 'A' });
    await forwarder.deliverOnce();
    expect(store.outbox.quarantined().map((q) => q.reason)).toEqual([
      'rejected by central (its free-text reason is not kept)',
      'rejected by central: unknown-matter-##',
    ]);
    expectNothingPersonal(alerts);
  });

  it('names each class and status and nothing else', () => {
    expect(describeDeliveryError(new CentralError('auth', `answered 401: ${LEAKY}`, 401))).toBe(
      "auth 401: central refused this kiosk: check this kiosk's token (central.token / KIOSK_CENTRAL_TOKEN)",
    );
    expect(describeDeliveryError(new CentralError('network', `unreachable ${LEAKY}`))).toBe('network: central unreachable: check the hall network and central.url');
    expect(describeDeliveryError(new TypeError(`bad ${ID}`))).toBe(`kiosk TypeError: bad ${'#'.repeat(17)}X`);
    expect(describeRejection(undefined)).toBe('rejected by central');
  });
});
