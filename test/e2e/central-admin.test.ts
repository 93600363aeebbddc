/** The central simulator's /admin routes (stats, faults, effects, catalog) take only its admin token. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentralSimulator, type CentralSimulator } from '../../scripts/sim/central/server.js';

describe('central simulator /admin', () => {
  let sim: CentralSimulator;
  const ADMIN = 'admin-token-for-this-test';
  const call = (path: string, init: RequestInit = {}) => fetch(`${sim.url}${path}`, init);
  const asAdmin = (path: string, init: RequestInit = {}) => call(path, { ...init, headers: { authorization: `Bearer ${ADMIN}` } });

  beforeAll(async () => {
    sim = await startCentralSimulator({ dataDir: join(mkdtempSync(join(tmpdir(), 'central-admin-')), 'central'), adminToken: ADMIN });
  });
  afterAll(() => sim?.close());

  it('answers an untokened or wrongly tokened call 401 and changes nothing', async () => {
    for (const route of ['/admin/stats', '/admin/faults', '/admin/effects']) {
      const res = await call(route);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect((await call('/admin/faults', { method: 'POST', body: '{"down":true}' })).status).toBe(401);
    expect((await call('/admin/faults', { method: 'POST', body: '{"down":true}', headers: { authorization: 'Bearer admin-token-for-this-tesT' } })).status).toBe(401);
    expect((await call('/admin/catalog', { method: 'POST', body: '{}', headers: { authorization: `Bearer ${ADMIN}x` } })).status).toBe(401);
    expect(sim.faults.config.down).toBe(false);
  });

  it('serves the admin token', async () => {
    expect(sim.adminToken).toBe(ADMIN);
    expect(await (await asAdmin('/admin/stats')).json()).toMatchObject({ requestsReceived: 0 });
    expect((await asAdmin('/admin/faults', { method: 'POST', body: '{"down":true}' })).status).toBe(200);
    expect(sim.faults.config.down).toBe(true);
    await asAdmin('/admin/faults?reset', { method: 'POST', body: '{}' });
    expect(sim.faults.config.down).toBe(false);
  });

  it('refuses a fault patch or a matter that does not parse with 422, keeping the state', async () => {
    const badFaults = await asAdmin('/admin/faults', { method: 'POST', body: '{"timeoutRate":7}' });
    expect(badFaults.status).toBe(422);
    expect(((await badFaults.json()) as { title: string }).title).toMatch(/timeoutRate/);
    expect(sim.faults.config.timeoutRate).toBe(0);
    const before = sim.db.catalogVersion();
    const badMatter = await asAdmin('/admin/catalog', { method: 'POST', body: '{"id":"X Y"}' });
    expect(badMatter.status).toBe(422);
    expect(sim.db.catalogVersion()).toBe(before);
  });

  it('makes a random admin token of its own when none is configured', async () => {
    const other = await startCentralSimulator({ dataDir: join(mkdtempSync(join(tmpdir(), 'central-admin-')), 'central') });
    try {
      expect(other.adminToken.length).toBeGreaterThanOrEqual(16);
      expect(other.adminToken).not.toBe(sim.adminToken);
      expect((await fetch(`${other.url}/admin/stats`)).status).toBe(401);
      expect((await fetch(`${other.url}/admin/stats`, { headers: { authorization: `Bearer ${other.adminToken}` } })).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
