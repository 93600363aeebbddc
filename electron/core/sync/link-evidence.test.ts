/**
 * Offline shown at once: a desk's failed central call (a real HTTP client against a real
 * loopback server) marks the link offline without waiting for heartbeats, kicks a
 * heartbeat to confirm, and a desk's answered call marks it online again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskStore } from '../store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../store/crypto.js';
import { CentralClient } from './central-client.js';
import { Forwarder } from './forwarder.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A central that answers heartbeats and queue look-ups, or (down) drops every connection. */
async function startCentral() {
  const central = { down: false, heartbeats: 0, server: null as Server | null };
  const server = createServer((req, res) => {
    if (central.down) return void req.socket.destroy();
    if (req.url?.startsWith('/v1/heartbeat')) central.heartbeats++;
    const body = req.url?.startsWith('/v1/heartbeat')
      ? { serverTime: new Date().toISOString(), catalogVersion: 1 }
      : { queue: 'A', peopleAhead: 3, estimatedWaitMinutes: 6, openWindows: 3 };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  central.server = server;
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { central, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function setup() {
  const { central, url } = await startCentral();
  const store = KioskStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'evidence-')), kioskId: 'HALL1-K01', idHashKey: DEV_ID_HASH_KEY });
  cleanups.push(() => store.close());
  const client = new CentralClient({ baseUrl: url, token: 'kiosk-token-1', timeoutMs: 2000 });
  // Heartbeats a minute apart: anything the test sees sooner came from the evidence.
  const forwarder = new Forwarder({ store, client, heartbeatIntervalMs: 60_000, idlePollMs: 60_000 });
  const online: boolean[] = [];
  forwarder.on('status', (s) => online.push(s.online));
  forwarder.start();
  cleanups.push(() => forwarder.stop());
  await expect.poll(() => forwarder.status().online).toBe(true); // the first heartbeat
  return { central, client, forwarder, online };
}

describe('the link to central, from every call', () => {
  it('a desk call that cannot reach central marks the link offline at once and kicks a heartbeat', async () => {
    const { central, client, forwarder } = await setup();
    const beatsBefore = central.heartbeats;
    central.down = true;
    await expect(client.queueState('A', 'A001')).rejects.toMatchObject({ kind: 'network' });
    expect(forwarder.status().online).toBe(false);
    // The confirming heartbeat reaches the (now answering) central: the link is online again.
    central.down = false;
    await expect.poll(() => central.heartbeats).toBeGreaterThan(beatsBefore);
    await expect.poll(() => forwarder.status().online).toBe(true);
  });

  it('a desk call that central answers marks the link online again', async () => {
    const { central, client, forwarder, online } = await setup();
    central.down = true;
    await expect(client.queueState('A')).rejects.toMatchObject({ kind: 'network' });
    expect(forwarder.status().online).toBe(false);
    // The confirming heartbeat fails too (still down); the link stays offline.
    await expect.poll(() => online.filter((o) => !o).length).toBe(1);
    central.down = false;
    await client.queueState('A');
    expect(forwarder.status().online).toBe(true);
  });

  it('an HTTP error answer says nothing either way: central answered', async () => {
    const server = createServer((_req, res) => res.writeHead(503, { 'content-type': 'application/json' }).end('{"title":"busy"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const client = new CentralClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'kiosk-token-1' });
    const seen: unknown[] = [];
    client.onLinkEvidence((e) => seen.push(e));
    await expect(client.queueState('A')).rejects.toMatchObject({ kind: 'server' });
    expect(seen).toEqual([]);
  });
});
