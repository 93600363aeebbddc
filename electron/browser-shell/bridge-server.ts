/**
 * The browser shell's loopback bridge: serves the built renderer and carries the kiosk
 * API over a WebSocket bound to 127.0.0.1. A connection must present the per-launch
 * token and come from the page's own origin; anything else is refused before upgrade.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../common/contract.js';
import { dispatchCall, encodeEvent } from '../common/rpc.js';
import { parseClientMessage, type ServerMessage } from '../common/bridge-protocol.js';
import type { KioskCore } from '../core/kiosk-core.js';
import { TypedEmitter } from '../common/emitter.js';
import { serveStatic } from './static-files.js';

export interface BridgeServer {
  /** The page's address with the token in the fragment (never sent to the server in requests). */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Pages connected now (the kiosk window's page, normally one). */
  pageConnections(): number;
  /** Called with the new count whenever a page connects or goes away (the window watchdog listens). */
  onPageConnections(listener: (count: number) => void): () => void;
  close(): Promise<void>;
}

export interface BridgeOptions {
  core: KioskCore;
  staticDir: string;
  port?: number;
  /** Fixed token for tests; a random 256-bit one per launch otherwise. */
  token?: string;
  /** How often each page is pinged; its JavaScript answers (protocol pings would be answered by the browser's network process). */
  pingMs?: number;
  /** A page that has not answered for this long is hung: its socket is closed, which the window watchdog sees. */
  unresponsiveMs?: number;
  log?: (line: string) => void;
}

export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self'",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

function sameToken(presented: string | null, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let origin = '';
  const server: Server = createServer((req, res) => {
    const headers = {
      'content-security-policy': contentSecurityPolicy(origin),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(options.staticDir, req, res, headers);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  const connections = new TypedEmitter<{ count: number }>();

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/api') return refuse(socket, 404, 'Not Found');
    if (req.headers.origin !== origin) return refuse(socket, 403, 'Forbidden');
    if (!sameToken(url.searchParams.get('token'), token)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      attach(ws, options);
      connections.emit('count', wss.clients.size);
      ws.once('close', () => connections.emit('count', wss.clients.size));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    pageConnections: () => wss.clients.size,
    onPageConnections: (listener) => connections.on('count', listener),
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function attach(ws: WebSocket, options: BridgeOptions): void {
  const { core } = options;
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = EVENT_NAMES.map((event) =>
    core.events.on(event, (payload) => send({ t: 'event', event, payload: encodeEvent(event, payload) })),
  );
  let lastAnswerAt = Date.now();
  let pings = 0;
  const unresponsiveMs = options.unresponsiveMs ?? 30_000;
  const liveness = setInterval(() => {
    if (Date.now() - lastAnswerAt > unresponsiveMs) {
      options.log?.(`kiosk page has not answered for ${Math.round(unresponsiveMs / 1000)} s: closing its connection`);
      ws.terminate();
      return;
    }
    send({ t: 'ping', n: ++pings });
  }, options.pingMs ?? 5000);
  ws.on('close', () => {
    clearInterval(liveness);
    unsubscribe.forEach((u) => u());
  });
  ws.on('message', async (data) => {
    lastAnswerAt = Date.now();
    const message = parseClientMessage(data.toString());
    if (!message) return send({ t: 'error', message: 'malformed message' });
    if (message.t === 'pong') return;
    const outcome = await dispatchCall(core, message.method, message.args);
    send({ t: 'result', id: message.id, outcome });
  });
}
