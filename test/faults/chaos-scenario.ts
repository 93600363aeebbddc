/**
 * The chaos scenario shared by the e2e suite (small) and `npm run test:faults` (long):
 * several kiosks write bursts (tickets, applications, evaluations, one poison record)
 * while the central simulator mixes every fault kind and goes hard down for a while;
 * after recovery: central unique effects == records accepted, zero duplicates applied,
 * per-kiosk order preserved, the poison record quarantined and the rest drained.
 */
import { expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { Forwarder } from '../../electron/core/sync/forwarder.js';
import type { QuarantineAlert, SyncStatus } from '../../electron/core/sync/sync-status.js';
import { startCentralSimulator } from '../../scripts/sim/central/server.js';
import { buildPopulation } from '../../scripts/sim/central/population.js';

export const FAULT_KINDS = ['down', 'timeout', 'status500', 'status503', 'status429', 'droppedAfterCommit', 'duplicateDeliveries'] as const;

export async function runChaos(options: { kiosks: number; minRounds: number }): Promise<{ accepted: number }> {
  const root = mkdtempSync(join(tmpdir(), 'sync-chaos-'));
  const sim = await startCentralSimulator({ dataDir: join(root, 'central'), extraPopulation: 10, verificationDelayMs: 100 });
  const kiosks = Array.from({ length: options.kiosks }, (_, k) => {
    const kioskId = `HALL1-K${String(k + 1).padStart(2, '0')}`;
    const store = KioskStore.open({ dataDir: join(root, kioskId), kioskId, idHashKey: DEV_ID_HASH_KEY });
    const client = new CentralClient({ baseUrl: sim.url, token: `token-${kioskId}`, timeoutMs: 400 });
    const forwarder = new Forwarder({ store, client, batchSize: 12, backoffBaseMs: 20, backoffMaxMs: 300, heartbeatIntervalMs: 100, idlePollMs: 50 });
    const statuses: SyncStatus[] = [];
    const alerts: QuarantineAlert[] = [];
    forwarder.on('status', (s) => statuses.push(s));
    forwarder.on('quarantined', (a) => alerts.push(a));
    return { kioskId, store, forwarder, statuses, alerts };
  });
  try {
    const people = buildPopulation(Date.now(), 0);
    sim.faults.apply({
      errorRates: { 500: 0.08, 503: 0.08, 429: 0.08 },
      retryAfterSeconds: 0.05,
      latencyMs: [0, 20],
      timeoutRate: 0.05,
      timeoutHoldMs: 800,
      dropAfterCommitRate: 0.15,
      duplicateDeliveryRate: 0.15,
    });
    for (const k of kiosks) k.forwarder.start();

    const accepted: Array<{ kiosk: string; key: string }> = [];
    const poisonKeys = new Map<string, string>();
    // The two after-commit faults also hit heartbeats (a POST too), so "fired" alone does
    // not prove a record was replayed: chaos also lasts until central absorbed a replay.
    const chaosComplete = () => {
      const stats = sim.stats();
      return FAULT_KINDS.every((kind) => stats.faultsInjected[kind] > 0) && stats.duplicatesRejected > 0;
    };
    // Chaos lasts at least minRounds and until chaosComplete (bounded).
    for (let round = 0; round < options.minRounds * 5 && (round < options.minRounds || !chaosComplete()); round++) {
      if (round === 5) sim.faults.apply({ down: true }); // hard down for a while
      if (round === 8) sim.faults.apply({ down: false });
      for (const k of kiosks) {
        const burst = await Promise.all([
          ...Array.from({ length: 12 }, (_, i) => k.store.issueTicket({ queue: i % 3 ? 'A' : 'V', priority: i % 3 ? 'normal' : 'elderly' })),
          ...people.slice(0, 4).map((p) => k.store.submitApplication({
            matterId: 'social-insurance-proof', matterVersion: 1, applicant: { idNumber: p.idNumber, name: p.name },
            proofs: [{ proofType: 'social-insurance', satisfiedBy: 'data-check', detail: 'DC-test' }],
          })),
          k.store.recordEvaluation({ subjectType: 'session', subjectId: `s-${round}`, rating: 1 + (round % 5) }),
        ]);
        for (const r of burst) accepted.push({ kiosk: k.kioskId, key: r.idempotencyKey });
        if (round === 3) {
          const poison = await k.store.submitApplication({
            matterId: 'no-such-matter', matterVersion: 1, applicant: { idNumber: people[0]!.idNumber, name: people[0]!.name }, proofs: [],
          });
          poisonKeys.set(k.kioskId, poison.idempotencyKey);
        }
        k.forwarder.kick();
      }
      await new Promise((r) => setTimeout(r, 60));
    }

    sim.faults.apply({}, true); // recovery: no more faults
    for (const k of kiosks) await k.forwarder.waitUntilDrained(120_000);

    const stats = sim.stats();
    for (const kind of FAULT_KINDS) expect(stats.faultsInjected[kind], kind).toBeGreaterThan(0);
    expect(stats.uniqueEffects.total).toBe(accepted.length);
    expect(stats.duplicatesRejected).toBeGreaterThan(0); // replays happened and were absorbed
    expect(stats.orderViolations).toBe(0);
    expect(stats.idempotencyConflicts).toBe(0);

    const effects = sim.db.effects();
    expect(new Set(effects.map((e) => e.idempotencyKey)).size).toBe(effects.length);
    expect(new Set(effects.map((e) => e.idempotencyKey))).toEqual(new Set(accepted.map((a) => a.key)));
    for (const k of kiosks) {
      const seqs = effects.filter((e) => e.kioskId === k.kioskId).map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(k.alerts.map((a) => a.idempotencyKey)).toEqual([poisonKeys.get(k.kioskId)]);
      // The central's free-text reason is not kept (it may echo the record): the class says it all.
      expect(k.alerts[0]!.reason).toBe('rejected by central (its free-text reason is not kept)');
      expect(k.forwarder.status()).toMatchObject({ pending: 0, quarantined: 1, online: true, lastError: null });
      expect(k.statuses.some((s) => !s.online)).toBe(true); // the heartbeat saw the outage
      const leftover = k.store.db.prepare(`SELECT COUNT(*) AS n FROM applications WHERE personal_enc IS NOT NULL AND state <> 'quarantined'`).get();
      expect(leftover).toEqual({ n: 0 }); // delivered applications keep no personal data
    }
    return { accepted: accepted.length };
  } finally {
    for (const k of kiosks) {
      await k.forwarder.stop();
      k.store.close();
    }
    await sim.close();
  }
}
