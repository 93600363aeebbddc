/**
 * A loopback control door to the embedded simulators, so a person trying the kiosk
 * (`npm start`) can swipe a card, pull the paper or take the central system down from
 * another terminal: `npm run -s sim -- swipe resident-1`. Bound to 127.0.0.1 and guarded
 * by a per-launch token written next to the kiosk's data (mode 0600), with the embedded
 * central simulator's admin token. One route, `POST /control`, takes one message of the
 * simulators' control protocol (scripts/sim/control-protocol.ts): `{ device, command, args }`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { writeFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { EmbeddedSimulators } from './embedded.js';
import { centralCommand, controlMessage, parseCommand, type CentralCommand, type ControlReply, type SimulatorDevice } from './control-protocol.js';
import type { FaultConfig } from './central/faults.js';
import type { CentralStats } from './central/server.js';

export const CONTROL_FILE = 'simulators.json';
export const CONTROL_ROUTE = '/control';

/** What `simulators.json` holds for the control CLI. */
export interface ControlFile {
  url: string;
  token: string;
  /** The embedded central simulator, for its /admin routes (`npm run -s sim -- central-admin stats`). */
  central?: { url: string; adminToken: string };
}

export type CentralControlReply = ControlReply<FaultConfig, { stats: CentralStats }>;

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

type Handler = (command: { command: string; args?: unknown }) => unknown;

function centralHandler(central: NonNullable<EmbeddedSimulators['central']>): Handler {
  return (raw) => {
    const parsed = parseCommand('central', centralCommand, raw);
    if (!parsed.ok) return parsed;
    const c: CentralCommand = parsed.command;
    try {
      if (c.command === 'stats') return { ok: true, state: central.faults.config, stats: central.stats() } satisfies CentralControlReply;
      return { ok: true, state: central.faults.apply(c.args ?? {}, true) } satisfies CentralControlReply;
    } catch (err) {
      return { ok: false, error: `invalid central faults: ${(err as Error).message}` } satisfies CentralControlReply;
    }
  };
}

export async function startControlServer(simulators: EmbeddedSimulators, dataDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const token = randomBytes(24).toString('base64url');
  const { idcard, citizencard, printer, scanner, central } = simulators;
  // Each simulator validates its own `{ command, args }` (the casts hand it JSON as it came).
  const handlers: Partial<Record<SimulatorDevice, Handler>> = {
    ...(idcard && { idcard: (c) => idcard.handleControl(c as never) }),
    ...(citizencard && { citizencard: (c) => citizencard.controls.handleControl(c as never) }),
    ...(printer && { printer: (c) => printer.handleControl(c as never) }),
    ...(scanner && { scanner: (c) => scanner.handleControl(c as never) }),
    ...(central && { central: centralHandler(central) }),
  };
  const reply = (res: ServerResponse, status: number, payload: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  const server = createServer(async (req, res) => {
    const presented = Buffer.from(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
    const expected = Buffer.from(token);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return reply(res, 401, { ok: false, error: 'bad token' });
    if (req.method !== 'POST' || req.url !== CONTROL_ROUTE) return reply(res, 404, { ok: false, error: `POST ${CONTROL_ROUTE} with { device, command, args }` });
    try {
      const message = controlMessage.safeParse(await body(req));
      if (!message.success) {
        return reply(res, 400, { ok: false, error: `a control message is { device: ${Object.keys(handlers).join('|')}, command, args }: ${message.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ')}` });
      }
      const { device, ...command } = message.data;
      const handler = handlers[device];
      if (!handler) return reply(res, 404, { ok: false, error: `no ${device} simulator in this kiosk (running: ${Object.keys(handlers).join(', ') || 'none'})` });
      const result = (await handler(command)) as { ok: boolean };
      reply(res, result.ok ? 200 : 400, result);
    } catch (err) {
      reply(res, 400, { ok: false, error: (err as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const file = path.join(dataDir, CONTROL_FILE);
  const contents: ControlFile = { url, token, ...(central && { central: { url: central.url, adminToken: central.adminToken } }) };
  writeFileSync(file, JSON.stringify(contents), { mode: 0o600 });
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
