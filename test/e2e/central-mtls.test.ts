/**
 * Mutual TLS to the central API, with a real HTTPS central simulator that requires
 * client certificates and a PKI made by openssl: a kiosk configured with central.tls
 * syncs through it; a kiosk without a certificate, with one from another CA, or that
 * does not trust the server gets a typed network failure that says TLS; a certificate
 * cannot speak for another kiosk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CentralClient, CentralError } from '../../electron/core/sync/central-client.js';
import { createTlsFetch, loadCentralTls, type CentralTlsFiles, type TlsFetch } from '../../electron/core/sync/central-tls.js';
import { startCentralSimulator, type CentralSimulator } from '../../scripts/sim/central/server.js';
import { makeTestPki, type TestPki } from '../support/pki.js';
import { composeTestKiosk, testConfig } from '../support/kiosk.js';

let pki: TestPki;
let sim: CentralSimulator;
const fetches: TlsFetch[] = [];

beforeAll(async () => {
  pki = makeTestPki();
  sim = await startCentralSimulator({
    dataDir: join(pki.dir, 'central'),
    extraPopulation: 0,
    tls: { cert: readFileSync(pki.server.certFile), key: readFileSync(pki.server.keyFile), ca: readFileSync(pki.caFile) },
  });
});
afterAll(async () => {
  for (const f of fetches) await f.close();
  await sim?.close();
});

function clientWith(files: CentralTlsFiles): CentralClient {
  const tls = createTlsFetch(loadCentralTls(files));
  fetches.push(tls);
  return new CentralClient({ baseUrl: sim.url, token: 'token-mtls-k01', timeoutMs: 3000, fetch: tls.fetch });
}

async function failure(promise: Promise<unknown>): Promise<CentralError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(CentralError);
  return err as CentralError;
}

const batchFor = (kioskId: string) => ({
  kioskId,
  records: [{ kind: 'evaluation' as const, seq: 1, idempotencyKey: `${kioskId}-mtls-1`, createdAt: new Date().toISOString(),
    payload: { evaluationId: 'e-1', subjectType: 'session', subjectId: 's-1', rating: 5, comment: null, ratedAt: new Date().toISOString() } }],
});

describe('mutual TLS to the central API', () => {
  it('serves HTTPS', () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('a kiosk configured with central.tls heartbeats and forwards its records through it', async () => {
    const client = pki.client('MTLS-K01');
    const config = testConfig(mkdtempSync(join(tmpdir(), 'kiosk-mtls-')), {
      kioskId: 'MTLS-K01',
      devices: { idcard: null, citizencard: null, printer: null },
      central: { url: sim.url, token: 'token-mtls-k01', tls: { caFile: pki.caFile, ...client } },
    });
    const started = await composeTestKiosk(config, { heartbeatMs: 100 });
    const { kiosk } = started;
    try {
      const ticket = await kiosk.store.issueTicket({ queue: 'A' });
      await kiosk.forwarder.waitUntilDrained(20_000);
      expect(kiosk.forwarder.status()).toMatchObject({ pending: 0, online: true, lastError: null });
      expect(sim.db.effects('MTLS-K01').map((e) => e.idempotencyKey)).toEqual([ticket.idempotencyKey]);
    } finally {
      await started.close();
    }
  });

  it('a kiosk without a client certificate is refused in the handshake, and the error says TLS', async () => {
    const err = await failure(clientWith({ caFile: pki.caFile }).heartbeat({ kioskId: 'MTLS-K01', pending: 0, oldestPendingAgeMs: null, sentAt: new Date().toISOString() }));
    expect(err.kind).toBe('network');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('check central.tls certFile/keyFile');
  });

  it('a certificate from another CA is refused', async () => {
    const before = sim.stats().requestsReceived;
    const err = await failure(clientWith({ caFile: pki.caFile, ...pki.client('MTLS-K01', { foreign: true }) }).catalog(null));
    expect(err.kind).toBe('network');
    expect(err.message).toContain('check central.tls certFile/keyFile');
    expect(sim.stats().requestsReceived).toBe(before); // refused before HTTP: the simulator never saw a request
  });

  it('a kiosk that does not trust the server (no caFile: public roots only) refuses it, and says so', async () => {
    const err = await failure(clientWith(pki.client('MTLS-K01')).catalog(null));
    expect(err.kind).toBe('network');
    expect(err.message).toContain('SELF_SIGNED_CERT_IN_CHAIN');
    expect(err.message).toContain('check central.tls (the CA file');
  });

  it('a certificate cannot deliver records for another kiosk', async () => {
    const client = clientWith({ caFile: pki.caFile, ...pki.client('MTLS-K02') });
    const err = await failure(client.sendBatch(batchFor('MTLS-K03')));
    expect(err.status).toBe(403);
    expect(err.message).toContain('MTLS-K02');
    expect(await client.sendBatch(batchFor('MTLS-K02'))).toEqual({ results: [{ idempotencyKey: 'MTLS-K02-mtls-1', outcome: 'applied' }] });
  });

  it('where tokens are issued too, a token and a certificate of different kiosks are refused', async () => {
    const strict = await startCentralSimulator({
      dataDir: join(pki.dir, 'central-tokens'),
      extraPopulation: 0,
      tokens: { 'token-of-k04': 'MTLS-K04', 'token-of-k05': 'MTLS-K05' },
      tls: { cert: readFileSync(pki.server.certFile), key: readFileSync(pki.server.keyFile), ca: readFileSync(pki.caFile) },
    });
    try {
      const tls = createTlsFetch(loadCentralTls({ caFile: pki.caFile, ...pki.client('MTLS-K04') }));
      fetches.push(tls);
      const as = (token: string) => new CentralClient({ baseUrl: strict.url, token, timeoutMs: 3000, fetch: tls.fetch });
      const err = await failure(as('token-of-k05').catalog(null));
      expect(err.kind).toBe('auth');
      expect(err.message).toContain('token belongs to kiosk MTLS-K05, the client certificate to MTLS-K04');
      expect((await as('token-of-k04').catalog(null)).full).toBe(true);
    } finally {
      await strict.close();
    }
  });
});
