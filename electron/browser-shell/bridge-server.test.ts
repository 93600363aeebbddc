/** The loopback bridge refuses connections without the token or from another origin. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridgeServer, type BridgeServer } from './bridge-server.js';
import { KioskCore } from '../core/kiosk-core.js';
import { testConfig } from '../../test/support/kiosk.js';
import { TypedEmitter } from '../common/emitter.js';
import type { SyncStatus } from '../common/contract.js';

const syncStatus: SyncStatus = { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true };
const fakeSync = { start: async () => {}, stop: async () => {}, status: () => syncStatus, onStatus: (l: (s: SyncStatus) => void) => new TypedEmitter<{ s: SyncStatus }>().on('s', l) };

function connect(url: string, origin?: string): Promise<{ ws: WebSocket; status?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode }));
    ws.once('error', reject);
  });
}

describe('bridge server', () => {
  let bridge: BridgeServer;
  let core: KioskCore;
  const staticDir = mkdtempSync(path.join(tmpdir(), 'bridge-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<h1>kiosk</h1>');
  writeFileSync(path.join(tmpdir(), 'bridge-secret.txt'), 'secret');

  beforeAll(async () => {
    core = new KioskCore({ config: testConfig(staticDir), shell: 'browser', devices: {}, sync: fakeSync });
    bridge = await startBridgeServer({ core, staticDir });
  });
  afterAll(() => bridge.close());

  const apiUrl = (token?: string) => `ws://127.0.0.1:${bridge.port}/api${token === undefined ? '' : `?token=${token}`}`;

  it('listens on loopback only', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a connection without the token', async () => {
    expect((await connect(apiUrl(), bridge.origin)).status).toBe(401);
  });

  it('refuses a wrong token', async () => {
    expect((await connect(apiUrl('x'.repeat(bridge.token.length)), bridge.origin)).status).toBe(401);
  });

  it('refuses another origin even with the token', async () => {
    expect((await connect(apiUrl(bridge.token), 'http://evil.example')).status).toBe(403);
    expect((await connect(apiUrl(bridge.token))).status).toBe(403);
  });

  it('counts the pages connected, for the window watchdog; refused connections do not count', async () => {
    const counts: number[] = [];
    const off = bridge.onPageConnections((n) => counts.push(n));
    await connect(apiUrl(), bridge.origin);
    expect(bridge.pageConnections()).toBe(0);
    const { ws } = await connect(apiUrl(bridge.token), bridge.origin);
    expect(bridge.pageConnections()).toBe(1);
    ws.terminate();
    await expect.poll(() => counts).toEqual([1, 0]);
    expect(bridge.pageConnections()).toBe(0);
    off();
  });

  it('answers calls and pushes events to an authorised page', async () => {
    const { ws, status } = await connect(apiUrl(bridge.token), bridge.origin);
    expect(status).toBeUndefined();
    const messages: Array<Record<string, unknown>> = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ t: 'call', id: 7, method: 'getKioskInfo', args: [] }));
    ws.send(JSON.stringify({ t: 'call', id: 8, method: 'endSession', args: ['nonsense'] }));
    ws.send('not json');
    core.events.emit('notice', { code: 'card-read-failed', level: 'warning', at: 1 });
    await expect.poll(() => messages.length).toBe(4);
    expect(messages).toContainEqual({ t: 'result', id: 7, outcome: { ok: true, value: expect.objectContaining({ kioskId: 'TEST-K01' }) } });
    expect(messages).toContainEqual({ t: 'result', id: 8, outcome: expect.objectContaining({ ok: false, code: 'invalid-arguments' }) });
    expect(messages).toContainEqual({ t: 'error', message: 'malformed message' });
    expect(messages).toContainEqual({ t: 'event', event: 'notice', payload: { code: 'card-read-failed', level: 'warning', at: 1 } });
    ws.close();
  });

  it('serves the renderer with a CSP and never a file outside it', async () => {
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`${bridge.origin}/%2e%2e/bridge-secret.txt`);
    expect([403, 404]).toContain(escape.status);
    expect(await escape.text()).not.toBe('secret');
  });

  it('pings each page; one that answers stays, one that stops answering (hung) is disconnected', async () => {
    const logged: string[] = [];
    const quick = await startBridgeServer({ core, staticDir, pingMs: 40, unresponsiveMs: 300, log: (l) => logged.push(l) });
    try {
      const url = `ws://127.0.0.1:${quick.port}/api?token=${quick.token}`;
      const healthy = (await connect(url, quick.origin)).ws;
      healthy.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { t: string; n?: number };
        if (m.t === 'ping') healthy.send(JSON.stringify({ t: 'pong', n: m.n }));
      });
      const hung = (await connect(url, quick.origin)).ws;
      const hungClosed = new Promise((resolve) => hung.once('close', resolve));
      let pingsSeen = 0;
      hung.on('message', (data) => {
        if ((JSON.parse(data.toString()) as { t: string }).t === 'ping') pingsSeen++;
      });
      await hungClosed;
      expect(pingsSeen).toBeGreaterThan(2);
      expect(logged.some((l) => l.includes('has not answered'))).toBe(true);
      await new Promise((r) => setTimeout(r, 400)); // longer than unresponsiveMs again
      expect(healthy.readyState).toBe(WebSocket.OPEN);
      expect(quick.pageConnections()).toBe(1);
      healthy.close();
    } finally {
      await quick.close();
    }
  });
});

