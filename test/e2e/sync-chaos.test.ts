/**
 * Outbox + forwarder against the real central simulator (HTTP, SQLite) with every
 * fault kind mixed: after recovery central holds exactly one effect per accepted
 * record, in per-kiosk order, and the one poison record is quarantined.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { Forwarder } from '../../electron/core/sync/forwarder.js';
import type { QuarantineAlert, SyncStatus } from '../../electron/core/sync/sync-status.js';
import { startCentralSimulator, type CentralSimulator } from '../../scripts/sim/central/server.js';
import { buildPopulation } from '../../scripts/sim/central/population.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(kioskId: string, central?: CentralSimulator) {
  const root = mkdtempSync(join(tmpdir(), 'sync-chaos-'));
  const sim = central ?? (await startCentralSimulator({ dataDir: join(root, 'central'), extraPopulation: 10, verificationDelayMs: 100 }));
  if (!central) cleanups.push(() => sim.close());
  const store = KioskStore.open({ dataDir: join(root, kioskId), kioskId, idHashKey: DEV_ID_HASH_KEY });
  cleanups.push(() => store.close());
  const client = new CentralClient({ baseUrl: sim.url, token: `token-${kioskId}`, timeoutMs: 400 });
  const forwarder = new Forwarder({ store, client, batchSize: 12, backoffBaseMs: 20, backoffMaxMs: 300, heartbeatIntervalMs: 100, idlePollMs: 50 });
  cleanups.push(() => forwarder.stop());
  return { sim, store, client, forwarder };
}

describe('store-and-forward under chaos', () => {
  it('delivers every accepted record exactly once, in order, and quarantines the poison record', async () => {
    const { sim, store, forwarder } = await setup('HALL1-K01');
    const second = await setup('HALL1-K02', sim);
    const people = buildPopulation(Date.now(), 0);
    const statuses: SyncStatus[] = [];
    const alerts: QuarantineAlert[] = [];
    forwarder.on('status', (s) => statuses.push(s));
    forwarder.on('quarantined', (a) => alerts.push(a));

    sim.faults.apply({
      errorRates: { 500: 0.08, 503: 0.08, 429: 0.08 },
      retryAfterSeconds: 0.05,
      latencyMs: [0, 20],
      timeoutRate: 0.05,
      timeoutHoldMs: 800,
      dropAfterCommitRate: 0.15,
      duplicateDeliveryRate: 0.15,
    });
    forwarder.start();
    second.forwarder.start();

    const accepted: Array<{ kiosk: string; key: string; seq: number }> = [];
    let poisonKey = '';
    const kinds = ['down', 'timeout', 'status500', 'status503', 'status429', 'droppedAfterCommit', 'duplicateDeliveries'] as const;
    const allFired = () => kinds.every((k) => sim.stats().faultsInjected[k] > 0);
    // Chaos lasts at least 12 rounds and until every fault kind has fired (at most 60 rounds).
    for (let round = 0; round < 60 && (round < 12 || !allFired()); round++) {
      if (round === 5) sim.faults.apply({ down: true }); // hard down for a while
      if (round === 8) sim.faults.apply({ down: false });
      const burst = await Promise.all([
        ...Array.from({ length: 15 }, (_, i) => store.issueTicket({ queue: i % 3 ? 'A' : 'V', priority: i % 3 ? 'normal' : 'elderly' })),
        ...people.slice(0, 5).map((p) => store.submitApplication({
          matterId: 'social-insurance-proof', matterVersion: 1, applicant: { idNumber: p.idNumber, name: p.name },
          proofs: [{ proofType: 'social-insurance', satisfiedBy: 'data-check', detail: 'DC-test' }],
        })),
        store.recordEvaluation({ subjectType: 'session', subjectId: `s-${round}`, rating: 1 + (round % 5) }),
      ]);
      for (const r of burst) accepted.push({ kiosk: 'HALL1-K01', key: r.idempotencyKey, seq: r.seq });
      const other = await Promise.all(Array.from({ length: 8 }, () => second.store.issueTicket({ queue: 'A' })));
      for (const r of other) accepted.push({ kiosk: 'HALL1-K02', key: r.idempotencyKey, seq: r.seq });
      if (round === 3) {
        const poison = await store.submitApplication({
          matterId: 'no-such-matter', matterVersion: 1, applicant: { idNumber: people[0]!.idNumber, name: people[0]!.name }, proofs: [],
        });
        poisonKey = poison.idempotencyKey;
      }
      forwarder.kick();
      await new Promise((r) => setTimeout(r, 60));
    }

    sim.faults.apply({}, true); // recovery: no more faults
    await forwarder.waitUntilDrained(60_000);
    await second.forwarder.waitUntilDrained(60_000);

    const stats = sim.stats();
    const injected = stats.faultsInjected;
    // Every fault kind actually happened.
    for (const kind of kinds) {
      expect(injected[kind], kind).toBeGreaterThan(0);
    }
    expect(stats.uniqueEffects.total).toBe(accepted.length);
    expect(stats.duplicatesRejected).toBeGreaterThan(0);
    expect(stats.orderViolations).toBe(0);
    expect(stats.idempotencyConflicts).toBe(0);

    const effects = sim.db.effects();
    expect(new Set(effects.map((e) => e.idempotencyKey)).size).toBe(effects.length);
    expect(new Set(effects.map((e) => e.idempotencyKey))).toEqual(new Set(accepted.map((a) => a.key)));
    for (const kiosk of ['HALL1-K01', 'HALL1-K02']) {
      const seqs = effects.filter((e) => e.kioskId === kiosk).map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }

    expect(alerts.map((a) => a.idempotencyKey)).toEqual([poisonKey]);
    expect(alerts[0]!.reason).toMatch(/unknown matter/);
    const final = forwarder.status();
    expect(final).toMatchObject({ pending: 0, quarantined: 1, online: true, lastError: null });
    expect(statuses.some((s) => !s.online)).toBe(true);
    // Delivered applications keep no personal data.
    expect(store.db.prepare(`SELECT COUNT(*) AS n FROM applications WHERE personal_enc IS NOT NULL AND state <> 'quarantined'`).get()).toEqual({ n: 0 });
  });

  it('survives a restart: a new forwarder on the same file sends only what is left', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sync-restart-'));
    const sim = await startCentralSimulator({ dataDir: join(root, 'central'), extraPopulation: 0 });
    cleanups.push(() => sim.close());
    const open = () => KioskStore.open({ dataDir: join(root, 'kiosk'), kioskId: 'HALL1-K03', idHashKey: DEV_ID_HASH_KEY });
    const client = new CentralClient({ baseUrl: sim.url, token: 'token-k03', timeoutMs: 1000 });
    let store = open();
    await Promise.all(Array.from({ length: 30 }, () => store.issueTicket({ queue: 'A' })));
    let forwarder = new Forwarder({ store, client, batchSize: 10, idlePollMs: 20 });
    expect(await forwarder.deliverOnce()).toBe(10);
    await forwarder.stop();
    store.close();

    store = open();
    cleanups.push(() => store.close());
    forwarder = new Forwarder({ store, client, batchSize: 10, idlePollMs: 20 });
    cleanups.push(() => forwarder.stop());
    expect(forwarder.status()).toMatchObject({ pending: 20, delivered: 10 });
    expect(forwarder.status().lastSuccessAt).not.toBeNull();
    forwarder.start();
    await forwarder.waitUntilDrained(20_000);
    expect(sim.stats().uniqueEffects.total).toBe(30);
    expect(sim.stats().duplicatesRejected).toBe(0);
  });
});
