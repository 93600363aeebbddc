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
import { startCentralSimulator } from '../../scripts/sim/central/server.js';
import { runChaos } from '../faults/chaos-scenario.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('store-and-forward under chaos', () => {
  it('delivers every accepted record exactly once, in order, and quarantines the poison record', async () => {
    const { accepted } = await runChaos({ kiosks: 2, minRounds: 12 });
    expect(accepted).toBeGreaterThan(400);
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
