/**
 * The fleet's `screenshot` on the browser shell, everything real: Xvfb, Debian's Chromium
 * in kiosk mode opened by the shell's own main process with its policy in force (DevTools
 * disallowed on every origin, the kiosk's own included), ffmpeg, a real mosquitto. The
 * command comes over the broker; the result carries a PNG of the X display at the screen's
 * size (grabbed by ffmpeg, no DevTools); with a citizen in session it is refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthMessage } from '../../electron/common/fleet/messages.js';
import { kioskTopics } from '../../electron/common/fleet/topics.js';
import { observeFleet, type FleetObserver } from '../support/fleet-observer.js';
import { startTestBroker, type TestBroker } from '../support/mosquitto.js';
import { decodePng } from '../support/png.js';
import { until } from '../support/until.js';

const MAIN = path.resolve('electron/browser-shell/main.ts');
const CONTROL_CLI = path.resolve('scripts/sim/control-cli.ts');
const SCREEN = { width: 1280, height: 800 };
const topics = kioskTopics('hall', '330102', 'SHOT-K01');

let broker: TestBroker;
let fleet: FleetObserver;
let xvfb: ChildProcess;
let shell: ChildProcess;
let configFile: string;
const lines: string[] = [];

async function startXvfb(): Promise<string> {
  // -displayfd: Xvfb picks a free display and writes its number once it is ready.
  xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${SCREEN.width}x${SCREEN.height}x24`, '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  return `:${(await new Promise<string>((resolve, reject) => {
    createInterface({ input: xvfb.stdio[3] as NodeJS.ReadableStream }).once('line', resolve);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
  })).trim()}`;
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test mounts a tmpfs in a mount namespace of its own: run it as root (CI does)');
  broker = await startTestBroker();
  fleet = await observeFleet(broker.url);
  const display = await startXvfb();
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-fleet-shot-'));
  configFile = path.join(dir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({
    kioskId: 'SHOT-K01',
    hall: { name: '运维测试大厅', regionCode: '330102' },
    devices: { idcard: { transport: 'serial', port: '@simulator', baud: 115200 }, citizencard: null, printer: null },
    central: { url: 'embedded' },
    dataDir: path.join(dir, 'var'),
    fleet: { url: broker.url, healthSeconds: 5, keepAliveSeconds: 5 },
  }));
  // The Chromium policy in force, as on a kiosk (DevTools disallowed everywhere): the shell writes it to /etc/chromium/policies/managed, where Chromium reads it,
  // inside a mount namespace of its own with a tmpfs over /etc/chromium, so no other
  // Chromium on the machine sees it. Needs root, as CI and the development machines here run.
  const script = `mount -t tmpfs kiosk-policy /etc/chromium && exec "$0" --import tsx "$1" --config "$2"`;
  shell = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, process.execPath, MAIN, configFile], {
    env: { ...process.env, DISPLAY: display, KIOSK_WINDOW_SIZE: `${SCREEN.width},${SCREEN.height}`, KIOSK_CHROMIUM_POLICY_DIR: '/etc/chromium/policies/managed', KIOSK_CENTRAL_TOKEN: '', KIOSK_ID_HASH_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: shell.stdout! }).on('line', (l) => lines.push(l));
  createInterface({ input: shell.stderr! }).on('line', (l) => lines.push(l));
  await until(() => lines.some((l) => l.includes('kiosk page connected')), `the kiosk page in Chromium (${lines.slice(-5).join(' | ')})`, { timeoutMs: 60_000, everyMs: 100 });
  expect(lines).toContain('Chromium policy: /etc/chromium/policies/managed/hall-kiosk.json');
}, 90_000);

describe('the Chromium policy of a kiosk with a fleet', () => {
  it('disallows DevTools on every origin, the kiosk page included', () => {
    // The file Chromium reads, seen from inside the shell's mount namespace.
    const policy = JSON.parse(readFileSync(`/proc/${shell.pid}/root/etc/chromium/policies/managed/hall-kiosk.json`, 'utf8')) as Record<string, unknown>;
    expect(Object.entries(policy).filter(([key]) => key.startsWith('DeveloperTools'))).toEqual([['DeveloperToolsAvailability', 2]]);
  });
});

afterAll(async () => {
  if (shell && shell.exitCode === null) {
    const exited = new Promise((resolve) => shell.once('exit', resolve));
    shell.kill('SIGTERM');
    await exited;
  }
  xvfb?.kill();
  await fleet?.close();
  await broker?.stop();
});

describe('fleet screenshot on the browser shell', () => {
  it('answers with a PNG of the kiosk screen at the screen size', async () => {
    const result = await fleet.send(topics, { command: 'screenshot', args: {} }, { timeoutMs: 20_000 });
    expect(result).toMatchObject({ ok: true, code: 'done', screenshot: { mime: 'image/png' } });
    const png = Buffer.from(result.screenshot!.base64, 'base64');
    expect(png.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    const { width, height } = decodePng(png);
    // ffmpeg grabs the whole X display, which the full-screen kiosk window fills.
    expect({ width, height }).toEqual(SCREEN);
  });

  it('refuses while a citizen is in session', async () => {
    const swipe = spawn(process.execPath, ['--import', 'tsx', CONTROL_CLI, '--config', configFile, 'swipe', 'resident-1'], { stdio: 'ignore' });
    await new Promise((resolve) => swipe.once('exit', resolve));
    await fleet.waitFor<HealthMessage>(topics.health, (h) => h.inSession, 'SHOT-K01 in session', 20_000);
    const result = await fleet.send(topics, { command: 'screenshot', args: {} });
    expect(result).toMatchObject({ ok: false, code: 'citizen-in-session' });
    expect(result.screenshot).toBeUndefined();
  });
});
