/** `npm run -s central -- --port <n> --data <dir>`: the simulator as its own process. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../scripts/sim/central/cli.ts', import.meta.url));

describe('central simulator CLI', () => {
  it('serves on the given port with its data folder, reports stats, takes faults, and stops on SIGTERM', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'central-cli-')), 'central');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--data', data, '--faults', '{"errorRates":{"503":1}}'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const { central } = JSON.parse(line) as { central: string };
      expect(central).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(existsSync(join(data, 'central.sqlite'))).toBe(true);
      const injected = await fetch(`${central}/v1/catalog`, { headers: { authorization: 'Bearer token-cli-1' } });
      expect(injected.status).toBe(503);
      await fetch(`${central}/admin/faults?reset`, { method: 'POST', body: '{}' });
      const ok = await fetch(`${central}/v1/catalog`, { headers: { authorization: 'Bearer token-cli-1' } });
      expect(ok.status).toBe(200);
      const stats = (await (await fetch(`${central}/admin/stats`)).json()) as { requestsReceived: number; faultsInjected: { status503: number } };
      expect(stats).toMatchObject({ requestsReceived: 2, faultsInjected: { status503: 1 } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
