/** openKioskSync: from a parsed kiosk config to a draining forwarder against the real simulator. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKioskConfig } from '../../electron/common/config.js';
import { CentralConfigError, openKioskSync, type KioskSync } from '../../electron/core/sync/open-sync.js';
import { startCentralSimulator } from '../../scripts/sim/central/server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('openKioskSync', () => {
  it('wires store, client and forwarder from the kiosk config', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sync-open-'));
    const sim = await startCentralSimulator({ dataDir: join(root, 'central'), extraPopulation: 0 });
    cleanups.push(() => sim.close());
    const config = parseKioskConfig({ kioskId: 'HALL1-K11', hall: { name: '西湖区市民之家', regionCode: '330106' }, devices: {}, central: { url: sim.url, token: 'token-k11-xyz' }, dataDir: join(root, 'var') });
    const sync: KioskSync = openKioskSync(config, { env: {}, forwarder: { idlePollMs: 20, heartbeatIntervalMs: 100 } });
    cleanups.push(() => sync.close());
    const ticket = await sync.store.issueTicket({ queue: 'A' });
    expect(ticket.ticketNo).toBe('A11-001');
    sync.forwarder.start();
    await sync.forwarder.waitUntilDrained(10_000);
    expect(sim.stats().uniqueEffects.ticket).toBe(1);
    expect((await sync.client.queueState('A', ticket.ticketNo)).peopleAhead).toBe(0);
  });

  it("asks for the simulator's URL when central.url is 'embedded'", () => {
    const config = parseKioskConfig({ kioskId: 'HALL1-K12', hall: { name: 'x', regionCode: '330106' }, devices: {}, central: {}, dataDir: mkdtempSync(join(tmpdir(), 'sync-open-')) });
    expect(() => openKioskSync(config, { env: {} })).toThrow(CentralConfigError);
  });
});
