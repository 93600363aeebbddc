/**
 * Contract test of the central simulator against the OpenAPI document (the one committed,
 * see scripts/openapi/central-openapi.test.ts). Requests are generated from the document's
 * JSON schemas with fast-check (fixed seed, bounded): valid ones, and invalid ones by the
 * spec's own rules (a required field missing, a wrong JSON type, malformed JSON, bad path,
 * query and header parameters, a missing or wrong token). Each is sent over HTTP to the
 * real simulator on loopback, and every answer must be a status the document lists for that
 * operation, with a body that parses with the zod schema documented for that status.
 */
import { request as httpRequest, Agent } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem } from '../../electron/common/central-api.js';
import { buildCentralOpenApi } from '../../scripts/openapi/build-document.js';
import { centralOperations, type CentralOperation } from '../../scripts/openapi/central-operations.js';
import { startCentralSimulator, type CentralSimulator } from '../../scripts/sim/central/server.js';
import { SchemaReader, type JsonSchema } from './contract/schema-arbitrary.js';
import { mutate } from './contract/mutations.js';

const TOKEN = 'contract-token-1';
const KIOSK = 'CONTRACT-K1';
const SEED = 20261201;
/** The simulator's body limit in this test (small, so an oversized body is cheap to send). */
const MAX_BODY_BYTES = 64 * 1024;

const doc = buildCentralOpenApi() as unknown as {
  paths: Record<string, Record<string, DocOperation>>;
  components: { schemas: Record<string, JsonSchema> };
};
interface DocParameter { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: JsonSchema }
interface DocOperation {
  operationId: string;
  parameters?: DocParameter[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, unknown>;
}
const reader = new SchemaReader(doc.components.schemas);

interface WireRequest { method: string; path: string; headers: Record<string, string>; body?: string }
interface WireResponse { status: number; headers: Record<string, string | string[] | undefined>; text: string }

type Expectation =
  | { kind: 'valid' }
  | { kind: 'invalid-body'; where: string }
  | { kind: 'malformed-json' }

  | { kind: 'bad-parameter'; name: string }
  | { kind: 'bad-token' };
/** A generated request; `op` is not enumerable so a counterexample prints the request, not the zod schemas. */
interface Case { op: CentralOperation; request: WireRequest; expect: Expectation }
function makeCase(op: CentralOperation, request: WireRequest, expectation: Expectation): Case {
  const c = { operationId: op.operationId, request, expect: expectation } as unknown as Case;
  Object.defineProperty(c, 'op', { value: op, enumerable: false });
  return c;
}

const documented = (op: CentralOperation) => Object.keys(doc.paths[op.path]![op.method]!.responses).map(Number);
const docOperation = (op: CentralOperation) => doc.paths[op.path]![op.method]!;

/** Parameters and body that the document allows, as one wire request. */
function validParts(op: CentralOperation): fc.Arbitrary<{ params: Record<string, string>; body: unknown }> {
  const parameters = docOperation(op).parameters ?? [];
  const paramArbs = Object.fromEntries(parameters.map((p) => [p.name, reader.valid(p.schema).map(String)]));
  const required = parameters.filter((p) => p.required).map((p) => p.name);
  const bodySchema = docOperation(op).requestBody?.content['application/json'].schema;
  let body: fc.Arbitrary<unknown> = bodySchema ? reader.valid(bodySchema) : fc.constant(undefined);
  // A batch for another kiosk is a 403 by design; most batches speak for the token's kiosk.
  if (op.operationId === 'deliverRecords') {
    body = fc.tuple(body, fc.nat(9)).map(([b, n]) => (n < 8 ? { ...(b as object), kioskId: KIOSK } : b));
  }
  return fc.record({ params: fc.record(paramArbs, { requiredKeys: required }), body });
}

function wire(op: CentralOperation, params: Record<string, string>, body: string | undefined, token: string | null = `Bearer ${TOKEN}`, rawPath: Record<string, string> = {}): WireRequest {
  const parameters = docOperation(op).parameters ?? [];
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const p of parameters) {
    const value = params[p.name];
    if (value === undefined) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, rawPath[p.name] ?? encodeURIComponent(value));
    else if (p.in === 'query') query.set(p.name, value);
    else headers[p.name.toLowerCase()] = value;
  }
  for (const [name, raw] of Object.entries(rawPath)) path = path.replace(`{${name}}`, raw);
  if (token !== null) headers.authorization = token;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    // Node frames a GET's body only with an explicit length (it never chunks one).
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const search = query.toString();
  return { method: op.method.toUpperCase(), path: search ? `${path}?${search}` : path, headers, ...(body === undefined ? {} : { body }) };
}

/** Values each parameter's schema refuses (path values are sent as written, escapes included). */
const PATH_BAD = ['%', '%E0%A4%A', '%zz', '.hidden', '%2E%2E', 'x'.repeat(200), '%00'];
const BAD_VALUES: Record<string, string[]> = {
  verificationId: PATH_BAD,
  queue: PATH_BAD,
  idHash: PATH_BAD,
  since: ['abc', '1.5', '1e400', '', '0x10', '99999999999999999999', '-'],
  ticketNo: ['', '-A', '.x', 'a'.repeat(65), '%', 'A B'],
  'Idempotency-Key': ['short', 'k'.repeat(200), 'with space'],
};

function cases(op: CentralOperation): fc.Arbitrary<Case> {
  const parts = validParts(op);
  const bodyText = (b: unknown) => (b === undefined ? undefined : JSON.stringify(b));
  const valid = parts.map(({ params, body }): Case => makeCase(op, wire(op, params, bodyText(body)), { kind: 'valid' }));
  const badToken = fc.tuple(parts, fc.constantFrom(null, 'Bearer short', 'Bearer unknown-token-1234', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`))
    .map(([{ params, body }, token]): Case => makeCase(op, wire(op, params, bodyText(body), token), { kind: 'bad-token' }));
  const variants: Array<fc.Arbitrary<Case>> = [valid, valid, badToken];
  const bodySchema = docOperation(op).requestBody?.content['application/json'].schema;
  if (bodySchema) {
    variants.push(parts.chain(({ params, body }) => {
      const mutation = mutate(reader, bodySchema, body);
      if (!mutation) return fc.constant(makeCase(op, wire(op, params, bodyText(body)), { kind: 'valid' }));
      return mutation.map((m): Case => makeCase(op, wire(op, params, JSON.stringify(m.body)), { kind: 'invalid-body', where: `${m.what} ${m.where}` }));
    }));
    variants.push(fc.tuple(parts, fc.constantFrom('{', '{"a":', 'nul', '[1,]', '{"x":1}}', '\u0000')).map(([{ params, body }, garbage]): Case => {
      const text = bodyText(body) ?? '';
      return makeCase(op, wire(op, params, text.slice(0, Math.floor(text.length / 2)) + garbage), { kind: 'malformed-json' });
    }));
  }
  for (const p of docOperation(op).parameters ?? []) {
    const bad = BAD_VALUES[p.name];
    if (!bad) throw new Error(`no bad values listed for parameter ${p.name} of ${op.operationId}`);
    variants.push(fc.tuple(parts, fc.constantFrom(...bad)).map(([{ params, body }, bad]): Case => {
      const request = p.in === 'path' ? wire(op, params, bodyText(body), `Bearer ${TOKEN}`, { [p.name]: bad }) : wire(op, { ...params, [p.name]: bad }, bodyText(body));
      return makeCase(op, request, { kind: 'bad-parameter', name: `${p.name}=${JSON.stringify(bad)}` });
    }));
  }
  return fc.oneof(...variants);
}

/** What the status must be, beyond being documented. */
function allowedFor(c: Case): number[] {
  switch (c.expect.kind) {
    case 'valid': return [c.op.success.status, 403, 404, 409];
    // A batch whose envelope parses but speaks for another kiosk is a 403 before any record is read.
    case 'invalid-body': return c.op.operationId === 'deliverRecords' ? [200, 403, 422] : [422];
    case 'malformed-json': return [400];
    case 'bad-parameter': return [422];
    case 'bad-token': return [401];
  }
}

describe('central API contract: the simulator answers only what the OpenAPI document says', () => {
  let sim: CentralSimulator;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const tally = new Map<string, Map<number, number>>();

  const send = (r: WireRequest) => new Promise<WireResponse>((resolve, reject) => {
    const url = new URL(sim.url);
    const req = httpRequest({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });

  /** The answer conforms: documented status, the content type and body schema of that status, Retry-After where documented. */
  function checkConforms(c: Case, res: WireResponse): unknown {
    const byStatus = tally.get(c.op.operationId) ?? new Map<number, number>();
    byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
    tally.set(c.op.operationId, byStatus);
    const context = `${c.request.method} ${c.request.path} (${JSON.stringify(c.expect)}) → ${res.status} ${res.text.slice(0, 300)}`;
    expect(documented(c.op), `undocumented status: ${context}`).toContain(res.status);
    const json: unknown = JSON.parse(res.text);
    if (res.status === c.op.success.status) {
      expect(res.headers['content-type'], context).toBe('application/json');
      const parsed = c.op.success.schema.safeParse(json);
      expect(parsed.success, `body does not match the documented schema: ${context}: ${parsed.error?.message}`).toBe(true);
    } else {
      expect(res.headers['content-type'], context).toBe('application/problem+json');
      const parsed = problem.safeParse(json);
      expect(parsed.success, `problem body does not match the schema: ${context}`).toBe(true);
      expect(parsed.data?.status, context).toBe(res.status);
      if (res.status === 429 || res.status === 503) expect(String(res.headers['retry-after']), context).toMatch(/^(?:[0-9]+|[A-Z][a-z]{2}, .+ GMT)$/);
      if (res.status === 401) expect(res.headers['www-authenticate'], context).toBe('Bearer');
    }
    return json;
  }

  beforeAll(async () => {
    sim = await startCentralSimulator({ dataDir: join(mkdtempSync(join(tmpdir(), 'central-contract-')), 'central'), tokens: { [TOKEN]: KIOSK }, extraPopulation: 20, maxBodyBytes: MAX_BODY_BYTES });
  });
  afterAll(async () => {
    agent.destroy();
    await sim?.close();
    const rows = [...tally].map(([id, byStatus]) => `${id.padEnd(20)} ${String([...byStatus.values()].reduce((a, b) => a + b, 0)).padStart(4)}  ${[...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    console.log(`central contract: requests per operation (status×count)\n${rows.join('\n')}`);
  });

  it('answers generated valid and invalid requests with documented statuses and conforming bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(...centralOperations.map(cases)), async (c) => {
        const res = await send(c.request);
        const json = checkConforms(c, res);
        expect(allowedFor(c), `${c.request.method} ${c.request.path} ${JSON.stringify(c.expect)} → ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
        if (c.expect.kind === 'invalid-body' && res.status === 200) {
          // Only a record's payload may be wrong in a delivered batch, and that record is rejected, never applied.
          const index = /^\S+ records\.(\d+)\.payload/.exec(c.expect.where)?.[1];
          expect(index, `a batch with a broken envelope (${c.expect.where}) was accepted`).toBeDefined();
          expect((json as { results: Array<{ outcome: string }> }).results[Number(index)]?.outcome).toBe('rejected');
        }
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('names the reported bugs: ?since=abc, a malformed path escape, Retry-After on 503', async () => {
    const catalog = centralOperations.find((o) => o.operationId === 'getCatalog')!;
    const verification = centralOperations.find((o) => o.operationId === 'getVerification')!;
    const sinceAbc = await send(wire(catalog, { since: 'abc' }, undefined));
    expect(sinceAbc.status).toBe(422);
    const percent = await send(wire(verification, {}, undefined, `Bearer ${TOKEN}`, { verificationId: '%' }));
    expect(percent.status).toBe(422);
    sim.faults.apply({ errorRates: { 503: 1 }, retryAfterSeconds: 3 }, true);
    try {
      const unavailable = await send(wire(catalog, {}, undefined));
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers['retry-after']).toBe('3');
    } finally {
      sim.faults.apply({}, true);
    }
  });

  it('answers a body larger than it reads 413, on every operation', async () => {
    for (const op of centralOperations) {
      const parameters = docOperation(op).parameters ?? [];
      const params = Object.fromEntries(parameters.filter((p) => p.required).map((p) => [p.name, String(fc.sample(reader.valid(p.schema), { numRuns: 1, seed: SEED })[0])]));
      const c = makeCase(op, wire(op, params, JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) })), { kind: 'valid' });
      const res = await new Promise<WireResponse>((resolve, reject) => {
        const url = new URL(sim.url);
        // A connection of its own: what is left of an oversized body must not reach the next request.
        const req = httpRequest({ host: url.hostname, port: url.port, method: c.request.method, path: c.request.path, headers: c.request.headers }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (d: Buffer) => chunks.push(d));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, text: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', reject);
        req.end(c.request.body);
      });
      expect(res.status, `${op.operationId}: ${res.text.slice(0, 200)}`).toBe(413);
      checkConforms(c, res);
    }
  });

  it('keeps to the document while central injects 429, 500 and 503', async () => {
    sim.faults.apply({ errorRates: { 429: 0.2, 500: 0.1, 503: 0.2 }, retryAfterSeconds: 2 }, true);
    try {
      await fc.assert(
        fc.asyncProperty(fc.oneof(...centralOperations.map((op) => validParts(op).map(({ params, body }) => ({ operationId: op.operationId, params, body })))), async ({ operationId, params, body }) => {
          const op = centralOperations.find((o) => o.operationId === operationId)!;
          const c = makeCase(op, wire(op, params, body === undefined ? undefined : JSON.stringify(body)), { kind: 'valid' });
          const res = await send(c.request);
          checkConforms(c, res);
          expect([op.success.status, 403, 404, 409, 429, 500, 503]).toContain(res.status);
        }),
        { seed: SEED + 1, numRuns: 150 },
      );
    } finally {
      sim.faults.apply({}, true);
    }
  });
});
