/**
 * The typed central client against the real simulator: every live call the core makes,
 * idempotency (replay and conflict), department verifications completing after their
 * delay, authentication, and typed failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CentralClient, CentralError } from '../../electron/core/sync/central-client.js';
import { hashIdNumber, DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { startCentralSimulator, type CentralSimulator } from '../../scripts/sim/central/server.js';
import { buildPopulation, type Citizen } from '../../scripts/sim/central/population.js';
import { isValidIdNumber } from '../../scripts/sim/central/id-number.js';

let sim: CentralSimulator;
let client: CentralClient;
let people: Citizen[];
const hash = (c: Citizen) => hashIdNumber(c.idNumber, DEV_ID_HASH_KEY);
const byRole = (role: string) => people.find((p) => p.role === role)!;

beforeAll(async () => {
  sim = await startCentralSimulator({ dataDir: join(mkdtempSync(join(tmpdir(), 'central-api-')), 'central'), extraPopulation: 20, verificationDelayMs: 300 });
  client = new CentralClient({ baseUrl: sim.url, token: 'token-hall1-k01', timeoutMs: 1000 });
  people = buildPopulation(Date.now(), 20);
});
afterAll(async () => {
  await sim.close();
});

describe('central API simulator + client', () => {
  it('has a population of valid GB 11643 ID numbers', () => {
    expect(people.length).toBeGreaterThan(20);
    expect(people.every((p) => isValidIdNumber(p.idNumber))).toBe(true);
  });

  it('serves the catalog in full, then as a delta', async () => {
    const full = await client.catalog(null);
    expect(full.full).toBe(true);
    expect(full.matters.length).toBeGreaterThanOrEqual(12);
    expect(await client.catalog(full.version)).toEqual({ version: full.version, full: false, matters: [] });
    const changed = sim.publishMatter({ ...full.matters[0]!, name: '新名称' });
    const delta = await client.catalog(full.version);
    expect(delta).toEqual({ version: full.version + 1, full: false, matters: [changed] });
  });

  it('answers data checks by ID hash', async () => {
    const ok = await client.dataCheck({ idHash: hash(byRole('employee-with-appointment')), proofType: 'social-insurance' });
    expect(ok.result).toBe('confirmed');
    expect(ok.summary).toContain('参保状态：正常');
    const none = await client.dataCheck({ idHash: hash(byRole('uninsured')), proofType: 'social-insurance' });
    expect(none.result).toBe('not-found');
  });

  it('offers retirement to the citizen about to turn 60 and the newborn bundle to both parents', async () => {
    expect((await client.entitlements(hash(byRole('turning-60')))).map((e) => e.matterId)).toEqual(['retirement-bundle']);
    expect((await client.entitlements(hash(byRole('newborn-father')))).map((e) => e.matterId)).toEqual(['newborn-bundle']);
    expect((await client.entitlements(hash(byRole('newborn-mother')))).map((e) => e.matterId)).toEqual(['newborn-bundle']);
    expect(await client.entitlements(hash(byRole('uninsured')))).toEqual([]);
  });

  it("lists today's appointment", async () => {
    const [a] = await client.appointmentsToday(hash(byRole('employee-with-appointment')));
    expect(a).toMatchObject({ matterId: 'social-insurance-proof', queue: 'A' });
    expect(a!.slot).toMatch(/T10:30:00\+08:00$/);
  });

  it('completes a department verification after its delay; a retried request replays, a reused key with another body is a 409', async () => {
    const citizen = byRole('newborn-father');
    const request = { idHash: hash(citizen), proofType: 'kinship' as const, applicationId: 'app-1' };
    const first = await client.requestVerification(request, 'vr-key-1');
    expect(first.state).toBe('pending');
    expect(await client.requestVerification(request, 'vr-key-1')).toEqual(first);
    await expect(client.requestVerification({ ...request, proofType: 'household' }, 'vr-key-1')).rejects.toMatchObject({ kind: 'rejected', status: 409 });
    await new Promise((r) => setTimeout(r, 400));
    expect((await client.verificationStatus(first.verificationId)).state).toBe('confirmed');
  });

  it('applies a record batch once, replays it as duplicate, and rejects a reused key with another body', async () => {
    const ticket = { ticketNo: 'A01-001', queue: 'A', priority: 'normal', issuedAt: new Date().toISOString(), idHash: null, appointmentId: null, matterCategory: null };
    const before = sim.stats();
    const record = { idempotencyKey: 'HALL1-K01:ticket-1', seq: 1, kind: 'ticket' as const, createdAt: ticket.issuedAt, payload: ticket };
    expect((await client.sendBatch({ kioskId: 'HALL1-K01', records: [record] })).results[0]!.outcome).toBe('applied');
    expect((await client.sendBatch({ kioskId: 'HALL1-K01', records: [record] })).results[0]!.outcome).toBe('duplicate');
    const clash = await client.sendBatch({ kioskId: 'HALL1-K01', records: [{ ...record, payload: { ...ticket, ticketNo: 'A01-999' } }] });
    expect(clash.results[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/different body/) });
    expect(sim.stats()).toMatchObject({
      duplicatesRejected: before.duplicatesRejected + 1,
      idempotencyConflicts: before.idempotencyConflicts + 1,
      uniqueEffects: { ticket: 1, total: before.uniqueEffects.total + 1 },
    });
    expect((await client.queueState('A', 'A01-001')).peopleAhead).toBe(0);
  });

  it('lists a citizen application with its verifications', async () => {
    const c = byRole('principal');
    const application = {
      applicationId: 'app-status-1', matterId: 'kinship-proof', matterVersion: 1, idHash: hash(c), applicant: { idNumber: c.idNumber, name: c.name },
      agentIdHash: hash(byRole('agent')), proofs: [{ proofType: 'kinship', satisfiedBy: 'department-verification', detail: null }],
      submittedAt: new Date().toISOString(), answers: {},
    };
    await client.sendBatch({ kioskId: 'HALL1-K01', records: [{ idempotencyKey: 'HALL1-K01:app-1', seq: 2, kind: 'application', createdAt: application.submittedAt, payload: application }] });
    const [status] = await client.applicationStatus(hash(c));
    expect(status).toMatchObject({ applicationId: 'app-status-1', state: 'in-progress', verifications: [expect.objectContaining({ proofType: 'kinship', state: 'pending' })] });
  });

  it('refuses a missing token with a typed auth error, and a hard down as a network error', async () => {
    const anonymous = new CentralClient({ baseUrl: sim.url, token: 'short' });
    await expect(anonymous.heartbeat({ kioskId: 'K', pending: 0, oldestPendingAgeMs: null, sentAt: new Date().toISOString() })).rejects.toMatchObject({ kind: 'auth', status: 401 });
    sim.faults.apply({ down: true });
    const err = await client.catalog(null).catch((e: unknown) => e);
    sim.faults.apply({ down: false });
    expect(err).toBeInstanceOf(CentralError);
    expect(err).toMatchObject({ kind: 'network', retryable: true });
  });

  it('reports 429 with its Retry-After and a timeout as typed, retryable errors', async () => {
    sim.faults.apply({ errorRates: { 429: 1 }, retryAfterSeconds: 7 });
    await expect(client.catalog(null)).rejects.toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 7000 });
    sim.faults.apply({ timeoutRate: 1, timeoutHoldMs: 3000 }, true);
    const fast = new CentralClient({ baseUrl: sim.url, token: 'token-hall1-k01', timeoutMs: 200 });
    await expect(fast.catalog(null)).rejects.toMatchObject({ kind: 'timeout' });
    sim.faults.apply({}, true);
    expect((await client.heartbeat({ kioskId: 'HALL1-K01', pending: 0, oldestPendingAgeMs: null, sentAt: new Date().toISOString() })).catalogVersion).toBeGreaterThan(0);
  });
});
