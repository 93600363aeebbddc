/**
 * The central verification API simulator: a real HTTP server (node:http) over its own
 * SQLite file, with run-time fault injection. Embedded by the kiosk when
 * config central.url === 'embedded'; standalone via cli.ts.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { TLSSocket } from 'node:tls';
import type { AddressInfo, Socket } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  catalogSince,
  centralPaths,
  dataCheckRequest,
  heartbeatRequest,
  idHash as idHashSchema,
  idempotencyKeyHeader,
  matter as matterSchema,
  queueName,
  syncBatchRequest,
  ticketNo,
  verificationId,
  verificationRequest,
  type Matter,
} from '../../../electron/common/central-api.js';
import { DEV_ID_HASH_KEY, hashIdNumber } from '../../../electron/core/store/crypto.js';
import { faultConfig, FaultInjector, type FaultConfig, type FaultPatch } from './faults.js';
import { buildPopulation } from './population.js';
import { applyBatch, startVerification, type ApplyContext, type RecordCounters } from './records.js';
import * as lookups from './lookups.js';
import { bodyHash, SimDb } from './sim-db.js';
import { facePaths, faceVerifyRequest } from '../../../electron/common/central-face.js';
import { FaceMatcher } from './face-match.js';
import { appointmentCheckInRequest, identityPaths, identityResolveRequest } from '../../../electron/common/central-identity.js';
import { checkInAppointment, IdentityCodes, issueCodeRequest } from './identity-codes.js';

export interface CentralSimulatorOptions {
  port?: number;
  host?: string;
  /** Folder of the simulator's SQLite file; default: a fresh folder under the OS temp dir is NOT made: pass one. */
  dataDir: string;
  /** Hall-wide ID hash key, shared with the kiosks (default: the development key). */
  hallKey?: Buffer;
  /** token → kioskId; when absent any bearer token of 8+ characters is accepted. */
  tokens?: Record<string, string>;
  /** Bearer token of the /admin routes (stats, faults, effects, catalog); default: a random one, see `adminToken`. */
  adminToken?: string;
  /** Largest request body read (default 16 MiB: a full 5000-record batch); a larger one is a 413. */
  maxBodyBytes?: number;
  verificationDelayMs?: number;
  extraPopulation?: number;
  faults?: FaultPatch;
  now?: () => number;
  /**
   * Serve HTTPS and require a client certificate signed by `ca` (mutual TLS, as on the
   * government extranet). The certificate's CN names the kiosk: a batch for another
   * kiosk is refused with 403, as is a token that belongs to a different kiosk.
   */
  tls?: { cert: Buffer | string; key: Buffer | string; ca: Buffer | string };
  /** 刷脸: the reference photo every citizen's face is compared with (default: face-match.ts DEFAULT_REFERENCE_PHOTO). */
  faceReferencePhoto?: string;
}

export interface CentralStats {
  requestsReceived: number;
  requestsByRoute: Record<string, number>;
  uniqueEffects: Record<string, number> & { total: number };
  duplicatesRejected: number;
  idempotencyConflicts: number;
  rejectedRecords: number;
  orderViolations: number;
  faultsInjected: FaultInjector['counters'];
}

export interface CentralSimulator {
  url: string;
  port: number;
  /** What /admin/* requests must present as `Authorization: Bearer <adminToken>`. */
  adminToken: string;
  faults: FaultInjector;
  db: SimDb;
  stats(): CentralStats;
  publishMatter(m: Omit<Matter, 'version'>): Matter;
  /** Identity codes (扫码): issue tokens, and what an identityRef stands for. */
  identityCodes: IdentityCodes;
  close(): Promise<void>;
}

const CATALOG_FILE = fileURLToPath(new URL('../../../assets/catalog/matters.json', import.meta.url));

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

interface Reply { status: number; body: unknown }

export async function startCentralSimulator(options: CentralSimulatorOptions): Promise<CentralSimulator> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new SimDb(join(options.dataDir, 'central.sqlite'));
  const hallKey = options.hallKey ?? DEV_ID_HASH_KEY;
  const now = options.now ?? Date.now;
  const population = buildPopulation(now(), options.extraPopulation ?? 200);
  db.seedPopulation(population, hallKey);
  const seed = JSON.parse(readFileSync(CATALOG_FILE, 'utf8')) as { version: number; matters: Matter[] };
  db.seedCatalog(seed.version, seed.matters.map((m) => matterSchema.parse(m)));

  const counters: RecordCounters = { duplicatesRejected: 0, idempotencyConflicts: 0, rejectedRecords: 0 };
  const ctx: ApplyContext = { db, hallKey, verificationDelayMs: options.verificationDelayMs ?? 60_000, now, counters };
  const identityCodes = new IdentityCodes(ctx, (role) => population.find((c) => c.role === role) ?? null);
  const faults = new FaultInjector();
  if (options.faults) faults.apply(options.faults);
  let requestsReceived = 0;
  const requestsByRoute: Record<string, number> = {};
  const held = new Set<Socket>();
  const faceMatcher = new FaceMatcher(options.faceReferencePhoto);
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  if (adminToken.length < 16) throw new Error('central simulator: the admin token must have 16+ characters');

  /** The kiosk a request speaks for: from its client certificate and/or its token (null: any kiosk). */
  function authenticate(req: IncomingMessage): string | null {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (token.length < 8) throw new HttpError(401, 'missing or malformed bearer token: set central.token / KIOSK_CENTRAL_TOKEN');
    const certKiosk = req.socket instanceof TLSSocket ? certificateKiosk(req.socket) : null;
    if (!options.tokens) return certKiosk;
    const kiosk = options.tokens[token];
    if (!kiosk) throw new HttpError(401, 'unknown kiosk token');
    if (certKiosk !== null && certKiosk !== kiosk) throw new HttpError(403, `token belongs to kiosk ${kiosk}, the client certificate to ${certKiosk}`);
    return kiosk;
  }

  /** One /v1 route; runs inside the fault wrapper. Synchronous: every write is one SQLite transaction. */
  function route(method: string, url: URL, body: unknown, req: IncomingMessage): Reply {
    const kiosk = authenticate(req);
    // The path as sent: URL normalisation would turn /v1/queues/%2E%2E into /v1/ (a 404, not the 422 it is).
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (method === 'POST' && path === centralPaths.recordsBatch) {
      const batch = parse(syncBatchRequest, body);
      if (kiosk && kiosk !== batch.kioskId) throw new HttpError(403, `this kiosk's credentials belong to kiosk ${kiosk}, not ${batch.kioskId}`);
      return { status: 200, body: { results: applyBatch(ctx, batch) } };
    }
    if (method === 'GET' && path === centralPaths.catalog) {
      const since = url.searchParams.get('since');
      return { status: 200, body: lookups.catalog(ctx, since === null ? null : parse(catalogSince, /^-?[0-9]+$/.test(since) ? Number(since) : since)) };
    }
    if (method === 'POST' && path === centralPaths.dataCheck) {
      const q = parse(dataCheckRequest, body);
      return { status: 200, body: lookups.dataCheck(ctx, q.idHash, q.proofType) };
    }
    if (method === 'POST' && path === centralPaths.verifications) return createVerification(body, req);
    if (method === 'GET' && path.startsWith('/v1/verifications/')) {
      const status = lookups.verification(ctx, parse(verificationId, pathParam(path.slice('/v1/verifications/'.length))));
      if (!status) throw new HttpError(404, 'no such verification');
      return { status: 200, body: status };
    }
    if (method === 'GET' && path.startsWith('/v1/queues/')) {
      const ticket = url.searchParams.get('ticketNo');
      return { status: 200, body: lookups.queueState(ctx, parse(queueName, pathParam(path.slice('/v1/queues/'.length))), ticket === null ? null : parse(ticketNo, ticket)) };
    }
    const citizen = /^\/v1\/citizens\/([^/]+)\/(appointments|entitlements|applications)$/.exec(path);
    if (method === 'GET' && citizen) {
      const hash = parse(idHashSchema, citizen[1]);
      if (citizen[2] === 'appointments') return { status: 200, body: { appointments: lookups.appointments(ctx, hash) } };
      if (citizen[2] === 'entitlements') return { status: 200, body: { entitlements: lookups.entitlements(ctx, hash) } };
      return { status: 200, body: { applications: lookups.applications(ctx, hash) } };
    }
    if (method === 'POST' && path === identityPaths.identityResolve) return { status: 200, body: identityCodes.resolve(parse(identityResolveRequest, body)) };
    if (method === 'POST' && path === identityPaths.appointmentCheckIn) {
      return { status: 200, body: checkInAppointment(ctx, parse(appointmentCheckInRequest, body).appointmentCode, () => population) };
    }
    if (method === 'POST' && path === centralPaths.heartbeat) {
      const hb = parse(heartbeatRequest, body);
      db.sql(`INSERT INTO kiosks (kiosk_id, last_heartbeat) VALUES (?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET last_heartbeat = excluded.last_heartbeat`)
        .run(hb.kioskId, now());
      return { status: 200, body: { serverTime: new Date(now()).toISOString(), catalogVersion: db.catalogVersion() } };
    }
    throw new HttpError(404, `no route ${method} ${path}`);
  }

  /** Idempotency-Key header: the first response is saved and replayed; another body under the key is a 409. */
  function createVerification(body: unknown, req: IncomingMessage): Reply {
    const v = parse(verificationRequest, body);
    const header = req.headers['idempotency-key'];
    const key = header === undefined ? undefined : parse(idempotencyKeyHeader, header);
    const hash = bodyHash(v);
    if (typeof key === 'string') {
      const seen = db.sql('SELECT body_hash, response FROM idempotency WHERE key = ?').get(`hdr:${key}`) as { body_hash: string; response: string } | undefined;
      if (seen && seen.body_hash !== hash) { counters.idempotencyConflicts++; throw new HttpError(409, 'Idempotency-Key reused with a different body'); }
      if (seen) { counters.duplicatesRejected++; return { status: 202, body: JSON.parse(seen.response) }; }
    }
    return db.db.transaction(() => {
      const id = startVerification(ctx, v.applicationId, v.idHash, v.proofType, now());
      const status = lookups.verification(ctx, id);
      if (typeof key === 'string') {
        db.sql('INSERT INTO idempotency (key, kiosk_id, body_hash, outcome, response, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(`hdr:${key}`, '-', hash, 'applied', JSON.stringify(status), now());
      }
      return { status: 202, body: status };
    })();
  }

  /** 刷脸: asynchronous (a real comparison takes a while); the frames live for this request only. */
  async function faceVerify(body: unknown, req: IncomingMessage): Promise<Reply> {
    authenticate(req);
    const q = parse(faceVerifyRequest, body);
    const frames = q.frames.map((f) => Buffer.from(f, 'base64'));
    return { status: 200, body: await faceMatcher.compare(frames) };
  }

  function admin(method: string, url: URL, body: unknown, req: IncomingMessage): Reply {
    const presented = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    const expected = Buffer.from(adminToken);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) throw new HttpError(401, 'admin routes need Authorization: Bearer <the simulator\'s admin token>');
    if (method === 'GET' && url.pathname === '/admin/stats') return { status: 200, body: stats() };
    if (method === 'GET' && url.pathname === '/admin/faults') return { status: 200, body: faults.config };
    if (method === 'POST' && url.pathname === '/admin/faults') return { status: 200, body: applyFaults(faults, body, url.searchParams.has('reset')) };
    if (method === 'GET' && url.pathname === '/admin/effects') return { status: 200, body: db.effects(url.searchParams.get('kiosk') ?? undefined) };
    if (method === 'POST' && url.pathname === '/admin/identity-codes') {
      const issued = identityCodes.issue(parse(issueCodeRequest, body));
      if (!issued) throw new HttpError(404, 'no such citizen in the population');
      return { status: 200, body: issued };
    }
    if (method === 'GET' && url.pathname === '/admin/appointment-codes') {
      return { status: 200, body: population.flatMap((c) => lookups.appointments(ctx, hashIdNumber(c.idNumber, hallKey)).map((a) => ({ role: c.role, code: a.appointmentId }))) };
    }
    if (method === 'POST' && url.pathname === '/admin/catalog') return { status: 200, body: db.publishMatter(parse(matterSchema.omit({ version: true }), body)) };
    throw new HttpError(404, `no admin route ${method} ${url.pathname}`);
  }

  function stats(): CentralStats {
    const byKind = db.effectCounts();
    const total = Object.values(byKind).reduce((a, b) => a + b, 0);
    return { requestsReceived, requestsByRoute: { ...requestsByRoute }, uniqueEffects: { ...byKind, total }, ...counters,
      orderViolations: db.orderViolations(), faultsInjected: { ...faults.counters } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://central.local');
    const method = req.method ?? 'GET';
    const raw = await readBody(req, options.maxBodyBytes ?? 16 * 1024 * 1024);
    if (raw === null) return send(res, { status: 413, body: { title: 'request body too large', status: 413 } });
    let body: unknown = undefined;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return send(res, { status: 400, body: { title: 'malformed JSON', status: 400 } });
    }
    if (url.pathname.startsWith('/admin/')) {
      const reply = guarded(() => admin(method, url, body, req));
      return send(res, reply, reply.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    }
    requestsReceived++;
    const routeName = `${method} ${url.pathname.replace(/\/citizens\/[^/]+/, '/citizens/{h}').replace(/\/(verifications|queues)\/[^/]+$/, '/$1/{id}')}`;
    requestsByRoute[routeName] = (requestsByRoute[routeName] ?? 0) + 1;
    const c = faults.config;
    if (c.down) { faults.counters.down++; req.socket.destroy(); return; }
    const delay = faults.latency();
    if (delay > 0) await sleep(delay);
    if (faults.roll(c.timeoutRate)) {
      faults.counters.timeout++;
      held.add(req.socket);
      setTimeout(() => { req.socket.destroy(); held.delete(req.socket); }, c.timeoutHoldMs).unref();
      return;
    }
    const status = faults.errorStatus();
    if (status) {
      const headers: Record<string, string> = status === 500 ? {} : { 'retry-after': String(c.retryAfterSeconds) };
      return send(res, { status, body: { title: `injected ${status}`, status } }, headers);
    }
    const isFaceVerify = method === 'POST' && url.pathname === facePaths.faceVerify;
    const reply = isFaceVerify ? await guardedAsync(() => faceVerify(body, req)) : guarded(() => route(method, url, body, req));
    if (!isFaceVerify && method === 'POST' && reply.status < 300 && faults.roll(c.duplicateDeliveryRate)) {
      faults.counters.duplicateDeliveries++;
      guarded(() => route(method, url, body, req)); // the same request arrives again
    }
    if (method === 'POST' && reply.status < 300 && faults.roll(c.dropAfterCommitRate)) {
      faults.counters.droppedAfterCommit++;
      req.socket.destroy();
      return;
    }
    send(res, reply, reply.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => send(res, { status: 500, body: { title: String(err), status: 500 } }));
  };
  // rejectUnauthorized: a connection without a certificate from `ca` ends in the TLS handshake.
  const server = options.tls
    ? createTlsServer({ ...options.tls, requestCert: true, rejectUnauthorized: true }, onRequest)
    : createServer(onRequest);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    adminToken,
    faults,
    db,
    stats,
    publishMatter: (m) => db.publishMatter(m),
    identityCodes,
    async close() {
      for (const s of held) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

function certificateKiosk(socket: TLSSocket): string | null {
  const cn = socket.getPeerCertificate().subject?.CN;
  return typeof cn === 'string' && cn.length > 0 ? cn : null;
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new HttpError(422, r.error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`).join('; '));
}

/** A fault patch that does not parse is a 422 naming the field, and leaves the faults as they were. */
function applyFaults(faults: FaultInjector, patch: unknown, reset: boolean): FaultConfig {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new HttpError(422, 'a fault patch is a JSON object');
  const merged = faultConfig.safeParse({ ...(reset ? {} : faults.config), ...patch });
  if (!merged.success) throw new HttpError(422, merged.error.issues.map((i) => `${i.path.map(String).join('.') || '(patch)'}: ${i.message}`).join('; '));
  return faults.apply(patch, reset);
}

/** A path segment, percent-decoded; a malformed escape (`/v1/verifications/%`) is a 422, not a URIError. */
function pathParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(422, `malformed percent-encoding in the path: ${JSON.stringify(segment.slice(0, 80))}`);
  }
}

function guarded(fn: () => Reply): Reply {
  try {
    return fn();
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, body: { title: err.message, status: err.status } };
    throw err;
  }
}

async function guardedAsync(fn: () => Promise<Reply>): Promise<Reply> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, body: { title: err.message, status: err.status } };
    throw err;
  }
}

function send(res: ServerResponse, reply: Reply, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': reply.status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
  res.end(text);
}

/** The body, or null when it is larger than `limit` (read to the end and dropped, so the answer can be sent). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
