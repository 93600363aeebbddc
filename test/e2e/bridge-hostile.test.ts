/**
 * Hostile local clients against the browser shell's bridge, with the real page connected
 * in Chromium and the simulators behind it. Each attack is followed by a check that the
 * kiosk still serves and its page is still the one connected; each group ends with a real
 * swipe reaching the page's identified screen. Then the frame-level attacks of a page that
 * went rogue (garbage, oversized frames, floods) and the real page coming back.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';

/** Raw bytes to the bridge: the status line it answered, or '' if it closed without one. */
function raw(port: number, bytes: string | Buffer, waitMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(answer.split('\r\n')[0] ?? '');
    };
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n')) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    setTimeout(done, waitMs);
    socket.write(bytes);
  });
}

function upgradeRequest(port: number, target: string, headers: Record<string, string> = {}): string {
  const all = {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    ...headers,
  };
  return `GET ${target} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
}

type Message = { t: string; id?: number; outcome?: { ok: boolean; code?: string }; secret?: string };

function openPageSocket(url: string, origin: string): Promise<{ ws: WebSocket; messages: Message[]; status?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    const messages: Message[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as Message));
    ws.on('error', () => {});
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, messages, status: res.statusCode }));
    setTimeout(() => reject(new Error('no answer to the upgrade')), 10_000);
  });
}

const closedSocket = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
const tokenOf = (pageUrl: string) => new URLSearchParams(new URL(pageUrl).hash.slice(1)).get('token')!;

describe('hostile local clients (browser shell bridge, real page in Chromium)', () => {
  let rig: JourneyRig;
  let port: number;
  let origin: string;
  let attacks = 0;
  /** The address the real page was opened with: its token is used up. */
  let pageUrl: string;
  const pageDrops: number[] = [];
  const cards = ['resident-1', 'resident-3', 'resident-4', 'resident-5', 'resident-6', 'resident-7', 'resident-8'];

  /** expect.poll is for test bodies; this waits in beforeAll too. */
  const pagesConnected = async (count: number) => {
    const deadline = Date.now() + 15_000;
    while (rig.t.bridge.pageConnections() !== count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} page connection(s)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    rig = await startJourneyRig();
    ({ port, origin } = rig.t.bridge);
    // Reopened with an address this test keeps, to try its used-up token later.
    await rig.page.goto('about:blank');
    await pagesConnected(0);
    pageUrl = rig.t.bridge.issuePageUrl();
    await rig.page.goto(pageUrl);
    await rig.page.getByTestId('screen-attract').waitFor({ timeout: 15_000 });
    await pagesConnected(1);
    rig.t.bridge.onPageConnections((n) => {
      if (n === 0) pageDrops.push(Date.now());
    });
  });
  afterAll(async () => {
    console.log(`hostile clients: ${attacks} attacks tried; the kiosk served after each`);
    await rig?.close();
  });

  /** After each attack: the bridge serves and the real page is still the one connected. */
  const alive = async () => {
    expect((await fetch(`${origin}/`)).status).toBe(200);
    expect(rig.t.bridge.pageConnections()).toBe(1);
    expect(pageDrops).toEqual([]);
  };
  const attack = async (what: string, run: () => Promise<void>) => {
    attacks++;
    try {
      await run();
    } catch (err) {
      throw new Error(`attack "${what}": ${(err as Error).message}`);
    }
    await alive();
  };
  /** After each group: a real swipe reaches the page's identified screen. */
  const pageWorks = async () => {
    await swipe(rig, cards.shift()!);
    await rig.t.kiosk.core.endSession('finished');
    await waitForScreen(rig.page, 'attract');
  };

  it('answers malformed request lines and targets with 400', async () => {
    const lines = [
      'GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET http://127.0.0.1/ HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET //evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET * HTTP/1.1\r\nHost: x\r\n\r\n',
      'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n',
      'GARBAGE\r\n\r\n',
      'GET /\x00 HTTP/1.1\r\n\r\n',
      `GET /%zz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      `GET /%00 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      'GET / HTTP/9.9\r\n\r\n',
    ];
    for (const line of lines) {
      await attack(`request line ${JSON.stringify(line.slice(0, 30))}`, async () => {
        expect(await raw(port, line)).toMatch(/^HTTP\/1\.1 4\d\d /);
      });
    }
    await attack('binary garbage (a TLS hello)', async () => {
      const hello = Buffer.from('16030100a5010000a10303' + 'ab'.repeat(64), 'hex');
      expect(await raw(port, hello)).toMatch(/^(HTTP\/1\.1 400 .*)?$/);
    });
    await pageWorks();
  });

  it('refuses malformed, oversized and misdirected upgrades, wrong tokens, wrong Origin and Host', async () => {
    const pageToken = tokenOf(pageUrl);
    expect(rig.page.url()).not.toContain(pageToken); // the page took it out of its address
    const cases: Array<[string, string, RegExp]> = [
      ['upgrade with a broken target', upgradeRequest(port, 'http://[::1'), /^HTTP\/1\.1 400 /],
      ['upgrade elsewhere', upgradeRequest(port, '/other'), /^HTTP\/1\.1 404 /],
      ['upgrade without a credential', upgradeRequest(port, '/api'), /^HTTP\/1\.1 401 /],
      ['a guessed token', upgradeRequest(port, `/api?token=${'A'.repeat(43)}`), /^HTTP\/1\.1 401 /],
      ['the page URL token again', upgradeRequest(port, `/api?token=${pageToken}`), /^HTTP\/1\.1 401 /],
      ['a guessed secret', upgradeRequest(port, `/api?secret=${'B'.repeat(43)}`), /^HTTP\/1\.1 401 /],
      ['another Origin', upgradeRequest(port, '/api', { Origin: 'http://evil.example' }), /^HTTP\/1\.1 403 /],
      ['no Origin', upgradeRequest(port, '/api', { Origin: '' }), /^HTTP\/1\.1 403 /],
      ['another Host (DNS rebinding)', upgradeRequest(port, '/api', { Host: `evil.example:${port}` }), /^HTTP\/1\.1 421 /],
      ['an oversized upgrade', upgradeRequest(port, `/api?token=${'x'.repeat(9000)}`), /^HTTP\/1\.1 431 /],
      ['a plain request to another Host', `GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`, /^HTTP\/1\.1 421 /],
      ['a 20 KB header', `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, /^HTTP\/1\.1 431 /],
      ['2,000 small headers', `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${'X-a: b\r\n'.repeat(2000)}\r\n`, /^HTTP\/1\.1 431 /],
      ['a POST', `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`, /^HTTP\/1\.1 405 /],
    ];
    for (const [what, request, expected] of cases) {
      await attack(what, async () => {
        expect(await raw(port, request)).toMatch(expected);
      });
    }
    await attack('a second page connection with a fresh valid token', async () => {
      const second = await openPageSocket(`ws://127.0.0.1:${port}/api?token=${tokenOf(rig.t.bridge.issuePageUrl())}`, origin);
      expect(second.status).toBe(409);
    });
    await pageWorks();
  });

  it('closes slow clients (slowloris) and caps 1,000 idle connections', async () => {
    await attack('20 slowloris clients', async () => {
      // Each reads what it is sent (a client that never reads would not see the bridge close it).
      const slow = Array.from({ length: 20 }, () => tcpConnect(port, '127.0.0.1').on('error', () => {}).on('data', () => {}));
      for (const s of slow) s.write('GET / HTTP/1.1\r\n');
      const drip = setInterval(() => slow.forEach((s) => !s.destroyed && s.write('X-a: b\r\n')), 1000);
      try {
        await Promise.race([
          Promise.all(slow.map(closedSocket)),
          new Promise((_, reject) => setTimeout(() => reject(new Error(`${slow.filter((s) => !s.destroyed).length} slow clients still open after 25 s`)), 25_000)),
        ]);
      } finally {
        clearInterval(drip);
        slow.forEach((s) => s.destroy());
      }
    });
    await attack('1,000 idle TCP connections', async () => {
      const idle = Array.from({ length: 1000 }, () => tcpConnect(port, '127.0.0.1').on('error', () => {}).on('data', () => {}));
      try {
        await new Promise((r) => setTimeout(r, 1500));
        const open = idle.filter((s) => !s.destroyed).length;
        expect(open).toBeLessThan(100); // the bridge keeps at most 64 connections, the page's included
        // The page keeps its connection meanwhile.
        expect(rig.t.bridge.pageConnections()).toBe(1);
        await Promise.race([
          Promise.all(idle.map(closedSocket)),
          new Promise((_, reject) => setTimeout(() => reject(new Error('idle connections still open after 25 s')), 25_000)),
        ]);
      } finally {
        idle.forEach((s) => s.destroy());
      }
    });
    await pageWorks();
  });

  it("survives a page gone rogue: garbage, oversized frames, floods; then the real page comes back", async () => {
    // The real page leaves (as a crashed window would); a hostile client takes its place with a fresh token.
    await rig.page.goto('about:blank');
    await expect.poll(() => rig.t.bridge.pageConnections()).toBe(0);
    pageDrops.length = 0;
    const rogue = await openPageSocket(`ws://127.0.0.1:${port}/api?token=${tokenOf(rig.t.bridge.issuePageUrl())}`, origin);
    expect(rogue.status).toBeUndefined();
    await expect.poll(() => rogue.messages[0]?.t).toBe('welcome');
    const secret = rogue.messages[0]!.secret!;
    const served = async () => expect((await fetch(`${origin}/`)).status).toBe(200);

    attacks++;
    rogue.ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]), { binary: true });
    rogue.ws.send('{"t":"call","id":1,"method":');
    rogue.ws.send(JSON.stringify({ t: 'call', id: 'one', method: ['x'], args: 'y' }));
    rogue.ws.send(JSON.stringify({ t: 'call', id: 2, method: 'constructor', args: [] }));
    rogue.ws.send(JSON.stringify({ t: 'call', id: 3, method: 'takeTicket', args: [{ priority: { $gt: '' } }, 1, 2] }));
    await expect.poll(() => rogue.messages.length).toBe(6);
    expect(rogue.messages.slice(1).map((m) => m.outcome?.code ?? m.t)).toEqual(['error', 'error', 'error', 'unknown-method', 'invalid-arguments']);
    await served();

    attacks++;
    const before = (await rig.t.kiosk.core.getStatus()).sync.pending;
    const evaluation = { subjectType: 'session', subjectId: 'flood', rating: 1 };
    for (let id = 100; id < 500; id++) rogue.ws.send(JSON.stringify({ t: 'call', id, method: 'submitEvaluation', args: [evaluation] }));
    await expect.poll(() => rogue.messages.filter((m) => (m.id ?? 0) >= 100).length, { timeout: 20_000 }).toBe(400);
    const answers = rogue.messages.filter((m) => (m.id ?? 0) >= 100).map((m) => m.outcome!);
    const limited = answers.filter((o) => o.code === 'rate-limited').length;
    expect(limited).toBeGreaterThan(250); // a burst of 60 and 20 a second get through
    const grew = (await rig.t.kiosk.core.getStatus()).sync.pending - before;
    expect(grew).toBeLessThanOrEqual(answers.filter((o) => o.ok).length);
    await served();

    attacks++;
    const dropped = new Promise<number>((resolve) => rogue.ws.once('close', (code) => resolve(code)));
    for (let id = 2000; id < 2700; id++) rogue.ws.send(JSON.stringify({ t: 'call', id, method: 'getKioskInfo', args: [] }));
    expect([1008, 1006]).toContain(await dropped); // a page that keeps flooding is disconnected
    await served();

    attacks++;
    const again = await openPageSocket(`ws://127.0.0.1:${port}/api?secret=${secret}`, origin);
    expect(again.status).toBeUndefined();
    const tooBig = new Promise<number>((resolve) => again.ws.once('close', (code) => resolve(code)));
    again.ws.send('x'.repeat(1024 * 1024));
    expect(await tooBig).toBe(1009);
    await served();

    // The real page comes back in a new window (a fresh token), and works.
    await expect.poll(() => rig.t.bridge.pageConnections()).toBe(0);
    await rig.page.goto(rig.t.bridge.issuePageUrl());
    await waitForScreen(rig.page, 'attract');
    await expect.poll(() => rig.t.bridge.pageConnections()).toBe(1);
    expect((await openPageSocket(`ws://127.0.0.1:${port}/api?secret=${secret}`, origin)).status).toBe(401); // the rogue's secret is gone
    pageDrops.length = 0;
    await pageWorks();
  });
});
