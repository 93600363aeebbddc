/**
 * A loopback control door to the embedded simulators, so a person trying the kiosk
 * (`npm start`) can swipe a card, pull the paper or take the central system down from
 * another terminal: `npm run -s sim -- swipe resident-1`. Bound to 127.0.0.1 and guarded
 * by a per-launch token written next to the kiosk's data (mode 0600).
 */
import { createServer, type IncomingMessage } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { writeFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { EmbeddedSimulators } from './embedded.js';

export const CONTROL_FILE = 'simulators.json';

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('control command too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export async function startControlServer(simulators: EmbeddedSimulators, dataDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const token = randomBytes(24).toString('base64url');
  const routes: Record<string, ((command: unknown) => unknown) | undefined> = {
    '/idcard': simulators.idcard && ((c) => simulators.idcard!.handleControl(c as never)),
    '/citizencard': simulators.citizencard && ((c) => simulators.citizencard!.controls.handleControl(c)),
    '/printer': simulators.printer && ((c) => simulators.printer!.handleControl(c)),
    '/central/faults': simulators.central && ((c) => ({ ok: true, faults: simulators.central!.faults.apply(c, true) })),
    '/central/stats': simulators.central && (() => ({ ok: true, stats: simulators.central!.stats() })),
  };
  const server = createServer(async (req, res) => {
    const presented = Buffer.from(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
    const expected = Buffer.from(token);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'bad token' }));
      return;
    }
    const route = routes[req.url ?? ''];
    if (req.method !== 'POST' || !route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: `routes: ${Object.keys(routes).filter((k) => routes[k]).join(', ')}` }));
      return;
    }
    try {
      const result = await route(await body(req));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    } catch (err) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: (err as Error).message }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const file = path.join(dataDir, CONTROL_FILE);
  writeFileSync(file, JSON.stringify({ url, token }), { mode: 0o600 });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        rmSync(file, { force: true });
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
