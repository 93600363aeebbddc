/**
 * The browser shell's loopback bridge: serves the built renderer and carries the kiosk
 * API over a WebSocket bound to 127.0.0.1. One page at a time: a connection must come
 * from the page's own origin to the bridge's own host, present a valid page credential
 * (page-credentials.ts) and find no other page connected; anything else is refused
 * before upgrade. Whatever a local client sends (bad request lines, huge headers, slow
 * bytes, floods) is answered with an HTTP error or dropped and logged: never thrown.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { KioskCore } from '../core/kiosk-core.js';
import { TypedEmitter } from '../common/emitter.js';
import { browserShellCsp } from '../common/csp.js';
import { serveStatic } from './static-files.js';
import { parseRequestTarget } from './request-target.js';
import { PageCredentials } from './page-credentials.js';
import { attachPage } from './page-connection.js';
import { DEFAULT_CALL_RATE_LIMIT, type CallRateLimitOptions } from './call-rate-limit.js';
import { throttledLog } from './throttled-log.js';

export interface BridgeServer {
  readonly origin: string;
  readonly port: number;
  /**
   * The page's address for one new window: a fresh single-use launch token in the fragment
   * (never sent in requests). Hand it to Chromium privately (chromium-launcher.ts); never log it
   * when a window was launched.
   */
  issuePageUrl(): string;
  /** Pages connected now: 0 or 1. */
  pageConnections(): number;
  /** Called with the new count whenever a page connects or goes away (the window watchdog listens). */
  onPageConnections(listener: (count: number) => void): () => void;
  close(): Promise<void>;
}

export interface BridgeOptions {
  /**
   * The core, or its start: the bridge may listen (and the window load the page) while the
   * core starts. A page's socket is admitted once the core is there, refused (503) if it
   * never comes.
   */
  core: KioskCore | Promise<KioskCore>;
  staticDir: string;
  port?: number;
  /** How often each page is pinged; its JavaScript answers (protocol pings would be answered by the browser's network process). */
  pingMs?: number;
  /** A page that has not answered for this long is hung: its socket is closed, which the window watchdog sees. */
  unresponsiveMs?: number;
  /** Open TCP connections at most (the page's WebSocket included); more are dropped at once. */
  maxConnections?: number;
  /** A request's headers must arrive within this (slow clients); an idle connection is closed after it too. */
  headersTimeoutMs?: number;
  rateLimit?: CallRateLimitOptions;
  log?: (line: string) => void;
}

/** The page's calls are small: a bigger frame is refused (ws closes the socket). */
const MAX_FRAME_BYTES = 256 * 1024;
/** The page's requests carry a few small headers. */
const MAX_HEADER_BYTES = 8 * 1024;
/** Node's parser counts header bytes per batch of headers: many small ones pass the byte limit, not this. */
const MAX_HEADERS = 64;

function refuse(socket: Socket, status: number, reason: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}

/** A client that went away (a window killed, a connection reset): nothing to answer, nothing to log. */
const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE']);

/** The answer to a request the HTTP parser could not take (Node's 'clientError'). */
function clientErrorStatus(code: string | undefined): [number, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'Request Header Fields Too Large'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'Request Timeout'];
  return [400, 'Bad Request'];
}

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const log = throttledLog(options.log ?? (() => {}));
  const credentials = new PageCredentials();
  const headersTimeoutMs = options.headersTimeoutMs ?? 10_000;
  let origin = '';
  let host = '';

  const handleRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (req.rawHeaders.length / 2 > MAX_HEADERS) return void res.writeHead(431).end();
    const target = parseRequestTarget(req.url);
    if (!target) return void res.writeHead(400).end('bad request target');
    if (req.headers.host !== host) return void res.writeHead(421).end('wrong host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    serveStatic(options.staticDir, target.pathname, req, res, {
      'content-security-policy': browserShellCsp(origin),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    }, log);
  };
  const server: Server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: headersTimeoutMs, requestTimeout: headersTimeoutMs * 2, connectionsCheckingInterval: 1000 },
    (req, res) => {
      try {
        handleRequest(req, res);
      } catch (err) {
        log(`bridge request failed: ${(err as Error).message}`, 'request-failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    },
  );
  server.maxConnections = options.maxConnections ?? 64;
  // A connection that sends nothing is closed too (headersTimeout only counts once bytes come).
  server.setTimeout(headersTimeoutMs);
  server.keepAliveTimeout = 5000;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (CLIENT_GONE.has(err.code ?? '')) return void socket.destroy();
    const [status, reason] = clientErrorStatus(err.code);
    log(`bridge refused a malformed request: ${err.code ?? err.message}`, 'client-error');
    refuse(socket, status, reason);
  });
  server.on('drop', () => log(`bridge connection limit (${server.maxConnections}) reached: dropping new connections`, 'dropped'));

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const connections = new TypedEmitter<{ count: number }>();

  const core = Promise.resolve(options.core);
  // A core that fails to start is the shell's to report; here it only means no page is admitted.
  core.catch(() => {});
  const handleUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer, started: KioskCore) => {
    if (req.rawHeaders.length / 2 > MAX_HEADERS) return refuse(socket, 431, 'Request Header Fields Too Large');
    const target = parseRequestTarget(req.url);
    if (!target) return refuse(socket, 400, 'Bad Request');
    if (target.pathname !== '/api') return refuse(socket, 404, 'Not Found');
    if (req.headers.host !== host) return refuse(socket, 421, 'Misdirected Request');
    if (req.headers.origin !== origin) return refuse(socket, 403, 'Forbidden');
    const credential = credentials.check(target.searchParams);
    if (!credential) {
      log('bridge refused a page connection without a valid credential', 'bad-credential');
      return refuse(socket, 401, 'Unauthorized');
    }
    // One page at a time: a second one waits until the first is gone (the watchdog restarts a hung one).
    // handleUpgrade admits synchronously, so no other upgrade can slip in between this check and the admission.
    if (wss.clients.size > 0) return refuse(socket, 409, 'Conflict');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const secret = credentials.admit(credential);
      attachPage(ws, {
        core: started,
        secret,
        pingMs: options.pingMs ?? 5000,
        unresponsiveMs: options.unresponsiveMs ?? 30_000,
        rateLimit: options.rateLimit ?? DEFAULT_CALL_RATE_LIMIT,
        log,
      });
      connections.emit('count', wss.clients.size);
      ws.once('close', () => connections.emit('count', wss.clients.size));
    });
  };
  const watchErrors = (socket: Socket) =>
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!CLIENT_GONE.has(err.code ?? '')) log(`bridge upgrade socket error: ${err.message}`, 'socket-error');
    });
  // Not a proxy: CONNECT is refused (Node would otherwise drop the socket without a word).
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    watchErrors(socket);
    refuse(socket, 405, 'Method Not Allowed');
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // The HTTP server stops watching an upgraded socket's errors: a reset here must not end the kiosk.
    watchErrors(socket);
    const upgrade = (started: KioskCore) => {
      if (socket.destroyed) return;
      try {
        handleUpgrade(req, socket, head, started);
      } catch (err) {
        log(`bridge upgrade failed: ${(err as Error).message}`, 'upgrade-failed');
        refuse(socket, 500, 'Internal Server Error');
      }
    };
    // Before the core is ready the page's socket waits here (its page is served already).
    core.then(upgrade, () => refuse(socket, 503, 'Service Unavailable'));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', (err) => log(`bridge server error: ${err.message}`));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  host = `127.0.0.1:${port}`;

  return {
    origin,
    port,
    issuePageUrl: () => `${origin}/#token=${credentials.issueLaunchToken()}`,
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
