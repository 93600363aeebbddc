/** The loopback bridge: one page at a time with a valid credential from its own origin; nothing a client sends ends it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
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

type Message = Record<string, unknown>;
interface Opened { ws: WebSocket; status?: number; messages: Message[] }

function connect(url: string, origin?: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    const messages: Message[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as Message));
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode, messages }));
    ws.once('error', reject);
  });
}

/** Raw bytes to the bridge, and what it answered before closing (or after `waitMs`). */
function raw(port: number, bytes: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => {});
    const done = () => resolve(answer);
    socket.on('close', done);
    setTimeout(() => {
      socket.destroy();
      done();
    }, waitMs);
    socket.write(bytes);
  });
}

const tokenOf = (pageUrl: string) => new URLSearchParams(new URL(pageUrl).hash.slice(1)).get('token')!;

describe('bridge server', () => {
  let bridge: BridgeServer;
  let core: KioskCore;
  const logged: string[] = [];
  const staticDir = mkdtempSync(path.join(tmpdir(), 'bridge-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<h1>kiosk</h1>');
  writeFileSync(path.join(tmpdir(), 'bridge-secret.txt'), 'secret');

  beforeAll(async () => {
    core = new KioskCore({ config: testConfig(staticDir), shell: 'browser', devices: {}, sync: fakeSync });
    bridge = await startBridgeServer({ core, staticDir, log: (l) => logged.push(l) });
  });
  afterAll(() => bridge.close());

  const apiUrl = (query = '') => `ws://127.0.0.1:${bridge.port}/api${query}`;
  const asPage = async () => {
    const opened = await connect(apiUrl(`?token=${tokenOf(bridge.issuePageUrl())}`), bridge.origin);
    expect(opened.status).toBeUndefined();
    await expect.poll(() => opened.messages[0]).toMatchObject({ t: 'welcome' });
    return { ...opened, secret: (opened.messages[0] as { secret: string }).secret };
  };
  const closed = (ws: WebSocket) => new Promise((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve(null) : ws.once('close', resolve)));
  const stillServes = async () => {
    expect((await fetch(`${bridge.origin}/`)).status).toBe(200);
  };

  it('listens on loopback only', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a connection without a credential, or with a wrong one', async () => {
    expect((await connect(apiUrl(), bridge.origin)).status).toBe(401);
    const token = tokenOf(bridge.issuePageUrl());
    expect((await connect(apiUrl(`?token=${'x'.repeat(token.length)}`), bridge.origin)).status).toBe(401);
    expect((await connect(apiUrl(`?secret=${token}`), bridge.origin)).status).toBe(401);
  });

  it('refuses another origin or another Host even with a valid token', async () => {
    const token = tokenOf(bridge.issuePageUrl());
    expect((await connect(apiUrl(`?token=${token}`), 'http://evil.example')).status).toBe(403);
    expect((await connect(apiUrl(`?token=${token}`))).status).toBe(403);
    const rebound = await raw(bridge.port, `GET /api?token=${token} HTTP/1.1\r\nHost: evil.example:${bridge.port}\r\nOrigin: ${bridge.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    expect(rebound).toMatch(/^HTTP\/1\.1 421/);
    expect((await raw(bridge.port, 'GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n')).split('\r\n')[0]).toBe('HTTP/1.1 421 Misdirected Request');
    // The refusals did not use the token up.
    const { ws, status } = await connect(apiUrl(`?token=${token}`), bridge.origin);
    expect(status).toBeUndefined();
    ws.terminate();
    await closed(ws);
  });

  it('takes a launch token once; the page reconnects with the secret it got', async () => {
    const token = tokenOf(bridge.issuePageUrl());
    const first = await connect(apiUrl(`?token=${token}`), bridge.origin);
    await expect.poll(() => first.messages[0]).toMatchObject({ t: 'welcome', secret: expect.any(String) });
    const { secret } = first.messages[0] as { secret: string };
    first.ws.terminate();
    await closed(first.ws);
    await expect.poll(() => bridge.pageConnections()).toBe(0);
    expect((await connect(apiUrl(`?token=${token}`), bridge.origin)).status).toBe(401);
    const again = await connect(apiUrl(`?secret=${secret}`), bridge.origin);
    expect(again.status).toBeUndefined();
    again.ws.terminate();
    await closed(again.ws);
  });

  it('admits one page at a time: a second is refused until the first is gone', async () => {
    const page = await asPage();
    const second = tokenOf(bridge.issuePageUrl());
    expect((await connect(apiUrl(`?token=${second}`), bridge.origin)).status).toBe(409);
    expect((await connect(apiUrl(`?secret=${page.secret}`), bridge.origin)).status).toBe(409);
    page.ws.terminate();
    await closed(page.ws);
    await expect.poll(() => bridge.pageConnections()).toBe(0);
    const next = await connect(apiUrl(`?token=${second}`), bridge.origin);
    expect(next.status).toBeUndefined();
    // The new window's page replaced the old one: the old secret no longer works.
    next.ws.terminate();
    await closed(next.ws);
    await expect.poll(() => bridge.pageConnections()).toBe(0);
    expect((await connect(apiUrl(`?secret=${page.secret}`), bridge.origin)).status).toBe(401);
  });

  it('counts the pages connected, for the window watchdog; refused connections do not count', async () => {
    const counts: number[] = [];
    const off = bridge.onPageConnections((n) => counts.push(n));
    await connect(apiUrl(), bridge.origin);
    expect(bridge.pageConnections()).toBe(0);
    const { ws } = await asPage();
    expect(bridge.pageConnections()).toBe(1);
    ws.terminate();
    await expect.poll(() => counts).toEqual([1, 0]);
    expect(bridge.pageConnections()).toBe(0);
    off();
  });

  it('answers calls and pushes events to the page; bad messages get an answer, not a crash', async () => {
    const { ws, messages } = await asPage();
    ws.send(JSON.stringify({ t: 'call', id: 7, method: 'getKioskInfo', args: [] }));
    ws.send(JSON.stringify({ t: 'call', id: 8, method: 'endSession', args: ['nonsense'] }));
    ws.send('not json');
    ws.send(JSON.stringify({ t: 'call', id: 'x', method: 1 }));
    ws.send(Buffer.from([0xff, 0x00, 0xfe]), { binary: true });
    core.events.emit('notice', { code: 'card-read-failed', level: 'warning', at: 1 });
    await expect.poll(() => messages.length).toBe(7);
    expect(messages).toContainEqual({ t: 'result', id: 7, outcome: { ok: true, value: expect.objectContaining({ kioskId: 'TEST-K01' }) } });
    expect(messages).toContainEqual({ t: 'result', id: 8, outcome: expect.objectContaining({ ok: false, code: 'invalid-arguments' }) });
    expect(messages.filter((m) => m.t === 'error')).toEqual(Array(3).fill({ t: 'error', message: 'malformed message' }));
    expect(messages).toContainEqual({ t: 'event', event: 'notice', payload: { code: 'card-read-failed', level: 'warning', at: 1 } });
    ws.close();
    await closed(ws);
  });

  it('closes a connection that sends an oversized frame, and goes on serving', async () => {
    const { ws } = await asPage();
    ws.on('error', () => {});
    ws.send('x'.repeat(300 * 1024));
    await closed(ws);
    await stillServes();
    expect(logged.some((l) => l.includes('kiosk page connection error'))).toBe(true);
  });

  it('refuses calls over the budget with a typed refusal', async () => {
    const limited = await startBridgeServer({ core, staticDir, rateLimit: { perSecond: 1, burst: 3, maxInFlight: 10 } });
    try {
      const token = tokenOf(limited.issuePageUrl());
      const { ws, messages } = await connect(`ws://127.0.0.1:${limited.port}/api?token=${token}`, limited.origin);
      for (let id = 1; id <= 6; id++) ws.send(JSON.stringify({ t: 'call', id, method: 'getKioskInfo', args: [] }));
      await expect.poll(() => messages.filter((m) => m.t === 'result').length).toBe(6);
      const outcomes = messages.filter((m) => m.t === 'result').map((m) => (m.outcome as { ok: boolean; code?: string }).code ?? 'ok');
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'rate-limited')).toHaveLength(3);
      ws.close();
    } finally {
      await limited.close();
    }
  });

  it('answers malformed request lines, targets and headers with an HTTP error and keeps serving', async () => {
    const answers = await Promise.all([
      raw(bridge.port, 'GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n'),
      raw(bridge.port, `GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`),
      raw(bridge.port, 'GARBAGE\r\n\r\n'),
      raw(bridge.port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00, 0x00, 0x0d, 0x0a, 0x0d, 0x0a])),
      raw(bridge.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    ]);
    expect(answers.map((a) => a.split('\r\n')[0])).toEqual([
      'HTTP/1.1 400 Bad Request',
      'HTTP/1.1 400 Bad Request',
      'HTTP/1.1 400 Bad Request',
      'HTTP/1.1 400 Bad Request',
      'HTTP/1.1 431 Request Header Fields Too Large',
    ]);
    await stillServes();
  });

  it('serves the renderer with its CSP and never a file outside it', async () => {
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${bridge.port}`);
    const escape = await fetch(`${bridge.origin}/%2e%2e/bridge-secret.txt`);
    expect([403, 404]).toContain(escape.status);
    expect(await escape.text()).not.toBe('secret');
    expect((await fetch(`${bridge.origin}/%E0%A4%A`)).status).toBe(400);
  });

  it('pings the page; one that answers stays, one that stops answering (hung) is disconnected', async () => {
    const quickLog: string[] = [];
    const quick = await startBridgeServer({ core, staticDir, pingMs: 40, unresponsiveMs: 300, log: (l) => quickLog.push(l) });
    const quickUrl = (query: string) => `ws://127.0.0.1:${quick.port}/api?${query}`;
    try {
      const hung = await connect(quickUrl(`token=${tokenOf(quick.issuePageUrl())}`), quick.origin);
      await closed(hung.ws);
      expect(hung.messages.filter((m) => m.t === 'ping').length).toBeGreaterThan(2);
      expect(quickLog.some((l) => l.includes('has not answered'))).toBe(true);
      await expect.poll(() => quick.pageConnections()).toBe(0);
      const healthy = await connect(quickUrl(`token=${tokenOf(quick.issuePageUrl())}`), quick.origin);
      healthy.ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { t: string; n?: number };
        if (m.t === 'ping') healthy.ws.send(JSON.stringify({ t: 'pong', n: m.n }));
      });
      await new Promise((r) => setTimeout(r, 700)); // longer than unresponsiveMs, twice
      expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
      expect(quick.pageConnections()).toBe(1);
      healthy.ws.close();
    } finally {
      await quick.close();
    }
  });
});

describe('bridge server started before its core', () => {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'bridge-early-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<h1>kiosk</h1>');

  it('serves the page at once, and admits the page\'s socket when the core is there', async () => {
    let coreStarted: (core: KioskCore) => void = () => {};
    const core = new Promise<KioskCore>((resolve) => (coreStarted = resolve));
    const bridge = await startBridgeServer({ core, staticDir });
    try {
      expect((await fetch(`${bridge.origin}/`)).status).toBe(200);
      const opening = connect(`ws://127.0.0.1:${bridge.port}/api?token=${tokenOf(bridge.issuePageUrl())}`, bridge.origin);
      let opened: Opened | null = null;
      void opening.then((o) => (opened = o));
      // The socket waits: no answer while the core starts.
      await new Promise((r) => setTimeout(r, 300));
      expect(opened).toBeNull();
      coreStarted(new KioskCore({ config: testConfig(staticDir), shell: 'browser', devices: {}, sync: fakeSync }));
      const page = await opening;
      expect(page.status).toBeUndefined();
      await expect.poll(() => page.messages[0]).toMatchObject({ t: 'welcome' });
      page.ws.close();
    } finally {
      await bridge.close();
    }
  });

  it('refuses the page\'s socket (503) when the core fails to start', async () => {
    let coreFailed: (err: Error) => void = () => {};
    const core = new Promise<KioskCore>((_, reject) => (coreFailed = reject));
    const bridge = await startBridgeServer({ core, staticDir });
    try {
      const opening = connect(`ws://127.0.0.1:${bridge.port}/api?token=${tokenOf(bridge.issuePageUrl())}`, bridge.origin);
      coreFailed(new Error('the store could not be opened'));
      expect((await opening).status).toBe(503);
    } finally {
      await bridge.close();
    }
  });
});
