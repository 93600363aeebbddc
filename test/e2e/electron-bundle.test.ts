/**
 * Electron's binary cannot be downloaded here, so the bundled main process
 * (dist-electron/main.cjs, exactly what electron-builder packs) runs under plain Node
 * with a fake `electron` module: on the demo config the real core starts with the
 * simulators of the separately bundled demo composition (dist-electron/demo.cjs), the
 * kiosk window is created locked down, and the kiosk API answers through the IPC
 * handlers. main.cjs itself holds no simulator code, and without demo.cjs a demo config
 * is refused.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../electron/common/contract.js';
import { SIMULATED_DEVICES } from '../support/kiosk.js';

const run = promisify(execFile);
const hall = { kioskId: 'EL-K01', hall: { name: '电子壳测试大厅', regionCode: '330102' } };

/** Runs main.cjs under the fake electron; resolves with the exit code and output, whatever the code. */
async function runMain(config: object, appRoot = process.cwd(), env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'electron-bundle-'));
  const file = path.join(dir, 'kiosk.config.json');
  writeFileSync(file, JSON.stringify({ ...hall, dataDir: dir, ...config }));
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', path.resolve('test/support/fake-electron-main.cjs'), path.join(appRoot, 'dist-electron/main.cjs')], {
      timeout: 60_000,
      env: { ...process.env, KIOSK_CENTRAL_TOKEN: '', KIOSK_ID_HASH_KEY: '', ...env, KIOSK_CONFIG: file, FAKE_APP_PATH: appRoot },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw err;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

// What only the simulators' code has (their definitions, not a name in an error message):
// each is in demo.cjs, none may be in main.cjs.
const SIMULATOR_MARKERS = [
  'function startCentralSimulator', 'function startIdCardSimulator', 'function startCitizenCardSimulator', 'function startPrinterSimulator',
  'function startControlServer', 'function startEmbeddedSimulators', 'embedded-dev-token',
];

beforeAll(async () => {
  await run(process.execPath, ['scripts/build-electron.mjs'], { timeout: 120_000 });
}, 180_000);

describe('Electron production bundle', () => {
  it('holds no simulator code: no scripts/ module and none of the simulators\' definitions, which the demo bundle has', () => {
    const main = readFileSync('dist-electron/main.cjs', 'utf8');
    const demo = readFileSync('dist-electron/demo.cjs', 'utf8');
    const sources = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { sources: string[] }).sources;
    expect(sources('dist-electron/main.cjs.map').filter((s) => /(^|\/)scripts\//.test(s))).toEqual([]);
    expect(sources('dist-electron/demo.cjs.map').filter((s) => /(^|\/)scripts\/sim\//.test(s)).length).toBeGreaterThan(10);
    for (const marker of SIMULATOR_MARKERS) {
      expect(demo, marker).toContain(marker);
      expect(main, marker).not.toContain(marker);
    }
  });

  it('refuses a demo config where the demo bundle is not installed', async () => {
    const appRoot = mkdtempSync(path.join(tmpdir(), 'electron-app-'));
    mkdirSync(path.join(appRoot, 'dist-electron'));
    for (const file of ['main.cjs', 'preload.cjs']) copyFileSync(path.join('dist-electron', file), path.join(appRoot, 'dist-electron', file));
    // The native modules stay outside the bundle, as in a package.
    symlinkSync(path.resolve('node_modules'), path.join(appRoot, 'node_modules'));
    const { code, stderr } = await runMain({ devices: SIMULATED_DEVICES, central: { url: 'embedded' } }, appRoot);
    expect(code).toBe(1);
    expect(stderr).toContain('devices.idcard, devices.citizencard, devices.printer, devices.scanner, central.url name a simulator (demo mode), but this installation has no demo composition');
    expect(stderr).toContain(path.join(appRoot, 'dist-electron', 'demo.cjs'));
  });

  it('refuses a production config that is only fit for a demo, naming each key', async () => {
    const { code, stderr } = await runMain({
      devices: { idcard: null, citizencard: null, printer: null },
      central: { url: 'http://central.example.gov.cn/api/' },
    });
    expect(code).toBe(1);
    for (const key of ['central.url', 'central.token', 'KIOSK_ID_HASH_KEY']) expect(stderr, key).toMatch(new RegExp(`- ${key.replace('.', '\\.')}: `));
  });

  it('refuses a config that leaves out central.url', async () => {
    const { code, stderr } = await runMain({ devices: { idcard: null, citizencard: null, printer: null }, central: {} });
    expect(code).toBe(1);
    expect(stderr).toMatch(/central\.url: missing/);
  });
});

describe('bundled Electron main process on the demo config', () => {
  let lines: Array<Record<string, unknown>> = [];
  let log: string[] = [];

  beforeAll(async () => {
    const { code, stdout, stderr } = await runMain({ devices: SIMULATED_DEVICES, central: { url: 'embedded' } });
    expect(code, stderr).toBe(0);
    lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    log = stdout.split('\n').filter((l) => !l.startsWith('{'));
  }, 180_000);

  const find = (event: string, method?: string) => lines.find((l) => l.event === event && (!method || l.method === method));

  it('says it runs in demo mode, on which simulators', () => {
    expect(log).toContain('WARNING: DEMO MODE: devices.idcard, devices.citizencard, devices.printer, devices.scanner, central.url run on simulators; a hall kiosk names its real devices and central API (README "Demo and production configuration")');
  });

  it('opens one kiosk window with the lockdown options', () => {
    expect(find('window')).toMatchObject({ options: { kiosk: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } } });
    expect(find('window-open-handler')).toMatchObject({ action: 'deny' });
    expect(find('power-save-blocker')).toMatchObject({ type: 'prevent-display-sleep' });
    expect(String(find('load')?.file)).toMatch(/dist\/renderer\/index\.html$/);
  });

  it('registers every contract method and answers through IPC with the real core', () => {
    expect(find('handlers')).toMatchObject({ channels: METHOD_NAMES.map((m) => `kiosk:call:${m}`).sort() });
    expect(find('result', 'getKioskInfo')).toMatchObject({ outcome: { ok: true, value: { kioskId: 'EL-K01', shell: 'electron' } } });
    const matters = find('result', 'listMatters') as { outcome: { ok: boolean; value: unknown[] } };
    expect(matters.outcome.ok).toBe(true);
    expect(matters.outcome.value.length).toBeGreaterThanOrEqual(12);
    expect(find('result', 'takeTicket-without-session')).toMatchObject({ outcome: { ok: false, code: 'no-session' } });
  });

  it('forwards core events to the window', () => {
    expect(lines.some((l) => l.event === 'sent' && String(l.channel).startsWith('kiosk:event:'))).toBe(true);
  });
});
