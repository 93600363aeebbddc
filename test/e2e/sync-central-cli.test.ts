/** `npm run -s central -- --port <n> --data <dir> [--tls-*]`: the simulator as its own process. */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { createTlsFetch, loadCentralTls } from '../../electron/core/sync/central-tls.js';
import { makeTestPki } from '../support/pki.js';

const CLI = fileURLToPath(new URL('../../scripts/sim/central/cli.ts', import.meta.url));

describe('central simulator CLI', () => {
  it('serves on the given port with its data folder, reports stats, takes faults, and stops on SIGTERM', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'central-cli-')), 'central');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--data', data, '--faults', '{"errorRates":{"503":1}}'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const { central, adminToken } = JSON.parse(line) as { central: string; adminToken: string };
      const admin = { authorization: `Bearer ${adminToken}` };
      expect(central).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(existsSync(join(data, 'central.sqlite'))).toBe(true);
      const injected = await fetch(`${central}/v1/catalog`, { headers: { authorization: 'Bearer token-cli-1' } });
      expect(injected.status).toBe(503);
      expect((await fetch(`${central}/admin/faults?reset`, { method: 'POST', body: '{}' })).status).toBe(401);
      await fetch(`${central}/admin/faults?reset`, { method: 'POST', body: '{}', headers: admin });
      const ok = await fetch(`${central}/v1/catalog`, { headers: { authorization: 'Bearer token-cli-1' } });
      expect(ok.status).toBe(200);
      const stats = (await (await fetch(`${central}/admin/stats`, { headers: admin })).json()) as { requestsReceived: number; faultsInjected: { status503: number } };
      expect(stats).toMatchObject({ requestsReceived: 2, faultsInjected: { status503: 1 } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('serves HTTPS with --tls-cert/--tls-key/--tls-ca and takes only kiosks with a certificate from that CA', async () => {
    const pki = makeTestPki();
    const data = join(pki.dir, 'central');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--data', data,
      '--tls-cert', pki.server.certFile, '--tls-key', pki.server.keyFile, '--tls-ca', pki.caFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const tls = createTlsFetch(loadCentralTls({ caFile: pki.caFile, ...pki.client('CLI-K01') }));
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const { central } = JSON.parse(line) as { central: string };
      expect(central).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const client = new CentralClient({ baseUrl: central, token: 'token-cli-1', fetch: tls.fetch });
      expect((await client.catalog(null)).full).toBe(true);
      const anonymous = createTlsFetch(loadCentralTls({ caFile: pki.caFile }));
      const refused = await new CentralClient({ baseUrl: central, token: 'token-cli-1', fetch: anonymous.fetch }).catalog(null).catch((e: Error) => e);
      await anonymous.close();
      expect(String(refused)).toContain('check central.tls certFile/keyFile');
    } finally {
      await tls.close();
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('refuses a partial set of --tls-* files with a usage line', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--data', mkdtempSync(join(tmpdir(), 'central-cli-')), '--tls-cert', 'x.pem'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--tls-cert, --tls-key and --tls-ca go together');
  });
});
