/** The operators' load generator, run as they run it, against a real central simulator. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentralSimulator, type CentralSimulator } from '../../scripts/sim/central/server.js';

const run = promisify(execFile);

describe('npm run loadgen', () => {
  let central: CentralSimulator;
  beforeAll(async () => {
    central = await startCentralSimulator({ dataDir: mkdtempSync(path.join(tmpdir(), 'loadgen-central-')) });
  });
  afterAll(() => central?.close());

  it('drives sessions through a headless kiosk and reports everything forwarded', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'loadgen', '--', '--central', central.url, '--sessions', '6', '--kiosk-id', 'LG-E2E'], {
      timeout: 120_000,
    });
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(report).toMatchObject({ acceptedTickets: 3, acceptedApplications: 3, refused: 0, forwarded: 6, quarantined: 0, pending: 0, drained: true });
    expect(central.stats().uniqueEffects).toMatchObject({ ticket: 3, application: 3, total: 6 });
  });
});
