/**
 * The fleet CLI (its built entry scripts/fleet/fleet.mjs, run as hall staff run it) against a real mosquitto
 * and a whole kiosk on its simulators: `status` shows the kiosk's row from the retained
 * messages, paper near end on the printer simulator included; `watch` prints the alert as
 * it arrives; `send` waits for the command's result; an unknown kiosk is said plainly.
 */
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';
import { startTestBroker, type TestBroker } from '../support/mosquitto.js';
import { TEST_FLEET_BACKOFF, testFleetConfig, untilFleetConnected } from '../support/fleet-kiosk.js';
import { until } from '../support/until.js';

// What `npm run -s fleet` runs: the built CLI (built first here when stale).
const CLI = ['scripts/fleet/fleet.mjs'];
let broker: TestBroker;
let t: TestKiosk;

const fleet = (...args: string[]) =>
  promisify(execFile)(process.execPath, [...CLI, ...args, '--broker', broker.url], { timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );

beforeAll(async () => {
  broker = await startTestBroker();
  t = await startTestKiosk(
    { kioskId: 'CLI-K01', fleet: testFleetConfig(broker.url, { healthSeconds: 2, keepAliveSeconds: 5 }) },
    { printerOutputDir: null, fleetBackoff: TEST_FLEET_BACKOFF },
  );
  await untilFleetConnected(t.kiosk, 'the kiosk connected');
  await until(async () => (await t.kiosk.core.getStatus()).devices.every((d) => d.state === 'ready'), 'every device ready', { timeoutMs: 15_000, everyMs: 50 });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await broker?.stop();
});

describe('fleet CLI', () => {
  it('watch prints the paper alert as it arrives; status shows it in the kiosk row', async () => {
    const watcher = spawn(process.execPath, [...CLI, 'watch', '--broker', broker.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    createInterface({ input: watcher.stdout }).on('line', (l) => lines.push(l));
    const errLines: string[] = [];
    createInterface({ input: watcher.stderr }).on('line', (l) => errLines.push(l));
    try {
      await until(() => errLines.some((l) => l.startsWith('watching')), 'the watcher subscribed', { timeoutMs: 30_000, everyMs: 50 });
      t.simulators.printer!.controls.set({ paperNearEnd: true });
      await until(() => lines.some((l) => /CLI-K01\s+WARNING\s+paper-near-end printer/.test(l)), 'the alert line', { timeoutMs: 20_000, everyMs: 50 });
    } finally {
      watcher.kill('SIGINT');
    }
    await until(async () => {
      const { stdout } = await fleet('status');
      return /CLI-K01\s+330102\s+online\s+id:ok cc:ok pr:paper-near-end sc:ok\s+near-end\s+\d+/.test(stdout);
    }, 'status showing paper near end', { timeoutMs: 20_000, everyMs: 200 });
    const { code, stdout } = await fleet('status');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^KIOSK\s+REGION\s+ONLINE\s+DEVICES\s+PAPER\s+OUTBOX\s+SERVICE\s+LAST SEEN$/);
    expect(stdout).toContain('1 kiosks, 1 online');
    t.simulators.printer!.controls.reset();
  });

  it('send waits for the result and exits 0; a refused command exits 1; an unknown kiosk 64', async () => {
    const ok = await fleet('send', 'CLI-K01', 'upload-now');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ kioskId: 'CLI-K01', command: 'upload-now', ok: true, code: 'done' });
    const refused = await fleet('send', 'CLI-K01', 'screenshot');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, code: 'unsupported' });
    const unknown = await fleet('send', 'NOPE-K99', 'upload-now');
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('no kiosk NOPE-K99 under hall/ on this broker');
    const bad = await fleet('send', 'CLI-K01', 'set-log-level', 'loud');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/set-log-level: args\.level/);
  });
});
