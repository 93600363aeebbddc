/**
 * Forwarder decisions against a scripted client (unit test of this layer only; the real
 * HTTP simulator is exercised in test/e2e/sync-*.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncBatchRequest, SyncBatchResponse } from '../../common/central-api.js';
import { KioskStore } from '../store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../store/crypto.js';
import { CentralError, type CentralClient } from './central-client.js';
import { Forwarder } from './forwarder.js';
import { mulberry32 } from '../../../test/support/seeded-random.js';

type Answer = (req: SyncBatchRequest) => SyncBatchResponse;
const stores: KioskStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function setup(answers: Answer[], now = () => 1_000_000, random: () => number = () => 0) {
  const store = KioskStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'fwd-')), kioskId: 'HALL1-K01', idHashKey: DEV_ID_HASH_KEY, now });
  stores.push(store);
  const sent: SyncBatchRequest[] = [];
  const client = {
    onLinkEvidence: () => () => {},
    sendBatch: async (req: SyncBatchRequest) => {
      sent.push(req);
      const answer = answers.shift();
      if (!answer) throw new Error('no scripted answer');
      return answer(req);
    },
  } as unknown as CentralClient;
  const forwarder = new Forwarder({ store, client, batchSize: 10, backoffBaseMs: 1000, backoffMaxMs: 60_000, random, now });
  return { store, forwarder, sent };
}
const allApplied: Answer = (req) => ({ results: req.records.map((r) => ({ idempotencyKey: r.idempotencyKey, outcome: 'applied' as const })) });
const fail = (err: CentralError): Answer => () => {
  throw err;
};

describe('Forwarder', () => {
  it('marks applied and duplicate records delivered and quarantines a rejected one without stopping', async () => {
    const { store, forwarder, sent } = setup([
      (req) => ({ results: req.records.map((r, i) => ({ idempotencyKey: r.idempotencyKey, outcome: i === 1 ? 'rejected' as const : i === 2 ? 'duplicate' as const : 'applied' as const, reason: 'unknown matter' })) }),
    ]);
    const alerts: string[] = [];
    forwarder.on('alert', (a) => alerts.push(a));
    await Promise.all(Array.from({ length: 4 }, () => store.issueTicket({ queue: 'A' })));
    expect(await forwarder.deliverOnce()).toBe(4);
    expect(sent[0]!.records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(forwarder.status()).toMatchObject({ pending: 0, delivered: 3, quarantined: 1, lastSuccessAt: 1_000_000 });
    expect(alerts[0]).toMatch(/record #2 \(ticket\) quarantined: rejected by central \(its free-text reason is not kept\)/);
  });

  it('isolates the poison record of a batch refused as a whole with a 4xx', async () => {
    const rejected = new CentralError('rejected', 'answered 422: payload too strange', 422);
    const { store, forwarder, sent } = setup([fail(rejected), allApplied, fail(rejected), allApplied, allApplied]);
    await Promise.all(Array.from({ length: 3 }, () => store.issueTicket({ queue: 'A' })));
    for (let i = 0; i < 5; i++) await forwarder.deliverOnce();
    expect(sent.map((r) => r.records.map((x) => x.seq))).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(store.outbox.quarantined().map((q) => q.seq)).toEqual([2]);
    expect(forwarder.status().pending).toBe(0);
  });

  it('backs off on 5xx and honours a longer Retry-After on 429, keeping the records', async () => {
    const { store, forwarder } = setup([
      fail(new CentralError('server', 'answered 503', 503)),
      fail(new CentralError('rate-limited', 'answered 429', 429, 30_000)),
      allApplied,
    ]);
    await store.issueTicket({ queue: 'A' });
    await forwarder.deliverOnce();
    expect(forwarder.status().retryAt).toBe(1_000_000 + 500); // attempt 1, base 1000, random 0 → half step
    await forwarder.deliverOnce();
    expect(forwarder.status().retryAt).toBe(1_000_000 + 30_000);
    expect(forwarder.status()).toMatchObject({ pending: 1, lastError: 'rate-limited 429: central asked the kiosk to slow down: retrying later' });
    await forwarder.deliverOnce();
    expect(forwarder.status()).toMatchObject({ pending: 0, retryAt: null, lastError: null });
  });

  it('keeps records central did not answer for, and what follows them, for the next attempt', async () => {
    const { store, forwarder } = setup([(req) => ({ results: [{ idempotencyKey: req.records[0]!.idempotencyKey, outcome: 'applied' }, { idempotencyKey: req.records[2]!.idempotencyKey, outcome: 'applied' }] })]);
    await Promise.all(Array.from({ length: 3 }, () => store.issueTicket({ queue: 'A' })));
    await forwarder.deliverOnce();
    expect(store.outbox.pendingBatch(10).map((r) => r.seq)).toEqual([2, 3]);
  });

  it('raises an alert on 401 and retries slowly (the capped step), even on the first failure', async () => {
    const { store, forwarder } = setup([fail(new CentralError('auth', 'answered 401: check this kiosk token', 401))], () => 1_000_000, mulberry32(7));
    const alerts: string[] = [];
    forwarder.on('alert', (a) => alerts.push(a));
    await store.issueTicket({ queue: 'A' });
    await forwarder.deliverOnce();
    expect(alerts).toEqual(["auth 401: central refused this kiosk: check this kiosk's token (central.token / KIOSK_CENTRAL_TOKEN)"]);
    expect(forwarder.status()).toMatchObject({ pending: 1, quarantined: 0 });
    const delay = forwarder.status().retryAt! - 1_000_000;
    expect(delay).toBeGreaterThanOrEqual(30_000); // half of the 60 s cap, not half of the 1 s base
    expect(delay).toBeLessThanOrEqual(60_000);
  });

  it('backs off with real jitter: whole-ms delays that double up to the cap, recorded on every record', async () => {
    let clock = 1_000_000;
    const failures = 10;
    const { store, forwarder } = setup(
      Array.from({ length: failures }, (_, i) => fail(new CentralError('server', `answered 503: busy #${i + 1}`, 503))),
      () => clock,
      mulberry32(20261201),
    );
    await Promise.all(Array.from({ length: 3 }, () => store.issueTicket({ queue: 'A' })));
    const delays: number[] = [];
    for (let attempt = 1; attempt <= failures; attempt++) {
      await forwarder.deliverOnce();
      const { retryAt, lastError } = forwarder.status();
      // The central's own text is not kept (it may carry personal data): class and status only.
      expect(lastError).toBe('server 503: central server error: retrying with backoff');
      delays.push(retryAt! - clock);
      const rows = store.db.prepare('SELECT seq, attempts, last_error, next_attempt_at FROM outbox ORDER BY seq').all();
      expect(rows).toEqual([1, 2, 3].map((seq) => ({ seq, attempts: attempt, last_error: 'server 503: central server error: retrying with backoff', next_attempt_at: retryAt })));
      clock = retryAt!;
    }
    // Step k is 1000·2^(k−1) ms capped at 60 s; equal jitter puts each delay in [step/2, step].
    const steps = [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000];
    delays.forEach((delay, i) => {
      expect(Number.isInteger(delay), `delay ${delay}`).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(steps[i]! / 2);
      expect(delay).toBeLessThanOrEqual(steps[i]!);
    });
    // Jitter: the delays are not all at the same point of their step.
    expect(new Set(delays.map((d, i) => Math.round((d / steps[i]!) * 100))).size).toBeGreaterThan(3);
    expect(forwarder.status().pending).toBe(3);
  });
});
