/**
 * Startup: cold starts of the built browser shell (dist/node/browser-shell.mjs, plain node,
 * the demo config's simulators) through to the attract screen painted in Chromium with live
 * device status. The kiosk's own `ready loaded=…ms core=…ms bridge=…ms cpu=…ms` line gives
 * the in-process stages since its process started (modules evaluated, bridge listening, core
 * ready; the bridge listens while the core starts); the rest is timed here from the spawn.
 * The page is opened as soon as the kiosk prints its address, in a Chromium already running
 * (a new page) or launched cold then, as the window watchdog does at boot.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { DEVICE_KINDS } from '../../electron/common/device-status.js';
import { launchTestBrowser, type TestBrowser } from '../../test/support/browser.js';
import type { BenchResult } from './run.js';
import { median } from './stats.js';
import { hashMaintenancePin } from '../../electron/core/maintenance/pin.js';

export const title = 'Startup: process start → core ready → bridge listening → attract screen with live device status';

const STARTS = Number(process.env.BENCH_STARTS ?? 10);
const GOALS = { core: 300, interactive: 1000 };

interface StartTimes {
  /** Reported by the kiosk, since its process started: modules evaluated, core started, bridge listening. */
  loaded: number;
  core: number;
  bridge: number;
  /** CPU time the kiosk used until its core was ready (a loaded machine inflates it less than wall time). */
  cpu: number;
  /** Seen here, since the spawn. */
  readyLine: number;
  interactive: number;
}

/** The attract screen is shown and every device's state has arrived from the core. */
async function attractInteractive(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('screen-attract').waitFor({ state: 'visible' });
  await page.waitForFunction(
    (kinds) => kinds.every((k) => { const s = document.querySelector(`[data-testid="status-${k}"]`)?.getAttribute('data-state'); return !!s && s !== 'unknown'; }),
    [...DEVICE_KINDS],
    { polling: 'raf' },
  );
}

const DEMO_CONFIG = () => JSON.parse(readFileSync('kiosk.config.json', 'utf8')) as Record<string, unknown>;
/** A production config on a machine with no devices attached and no central answering (port 9 on loopback). */
const PRODUCTION_CONFIG = (pinHash: string) => ({
  kioskId: 'BENCH-K01',
  hall: { name: '启动基准大厅', regionCode: '330102' },
  devices: { idcard: null, citizencard: null, printer: null },
  central: { url: 'http://127.0.0.1:9/', token: 'bench-token' },
  // A hall's own PIN, hashed at the shipped cost: the start-up checks whether it is the demo one.
  maintenance: { pinHash },
});
const PRODUCTION_ENV = { KIOSK_ID_HASH_KEY: 'ab'.repeat(32) };

/**
 * The environment the systemd unit (assets/systemd/hall-kiosk.service) gives the kiosk, not
 * this shell's: systemd passes PATH, HOME, USER, LANG and the unit's own variables. This
 * machine's shell also sets NODE_EXTRA_CA_CERTS to the whole system CA bundle, which Node
 * reads and parses at every start before any JavaScript runs (the `node -e 0` rows); a
 * kiosk service has no such variable (its central's CA is `central.tls.caFile`).
 */
const SERVICE_ENV: Record<string, string> = Object.fromEntries(
  ['PATH', 'HOME', 'USER', 'LANG', 'TMPDIR'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])),
);

interface HallDevices {
  devices: Record<string, unknown>;
  central: { url: string; token: string };
  stop(): Promise<void>;
}

/** The simulators in a process of their own (scripts/bench/hall-devices.ts), as a hall's devices are. */
async function startHallDevices(dir: string): Promise<HallDevices> {
  const sims = spawn(path.join('node_modules', '.bin', 'tsx'), ['scripts/bench/hall-devices.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => sims.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: sims.stdout! }).on('line', (l) => l.startsWith('HALL_DEVICES=') && resolve(l.slice('HALL_DEVICES='.length)));
    sims.once('exit', (code) => reject(new Error(`hall-devices.ts exited (${code}) before its devices listened`)));
  });
  const { devices, central } = JSON.parse(line) as Omit<HallDevices, 'stop'>;
  return { devices, central, stop: async () => { sims.kill('SIGTERM'); await exited; } };
}

/** Wall time of `node -e 0` in an environment: what Node takes before the kiosk's first line. */
function nodeBoot(env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-e', '0'], { env });
  if (r.status !== 0) throw new Error(`node -e 0 exited ${r.status}`);
  return performance.now() - t0;
}

/**
 * One data directory per series: a kiosk restarts (every morning, after a crash) onto the
 * store it already has; the series' first, unmeasured start is its first boot.
 */
const dataDirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-startup-'));
  dataDirs.push(dir);
  return dir;
}

async function coldStart(
  dir: string,
  openPage: ((url: string) => Promise<void>) | null,
  config = DEMO_CONFIG(),
  env: Record<string, string> = {},
): Promise<StartTimes> {
  const configFile = path.join(dir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({ ...config, dataDir: dir }));
  const t0 = performance.now();
  const kiosk = spawn(process.execPath, ['dist/node/browser-shell.mjs', '--no-browser'], {
    env: { ...SERVICE_ENV, ...env, KIOSK_CONFIG: configFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => kiosk.once('exit', () => resolve()));
  try {
    let readyLineAt = 0;
    const gone = new Promise<never>((_, reject) => kiosk.once('exit', (code) => reject(new Error(`the kiosk exited (${code}) before it was ready`))));
    gone.catch(() => {});
    const lines = createInterface({ input: kiosk.stdout! });
    // The address comes when the bridge listens, the ready line once the core started: the page may load in between.
    const url = new Promise<string>((resolve) => lines.on('line', (line) => line.startsWith('KIOSK_URL=') && resolve(line.slice('KIOSK_URL='.length))));
    const ready = new Promise<number[]>((resolve) =>
      lines.on('line', (line) => {
        const m = /^ready loaded=(\d+)ms core=(\d+)ms bridge=(\d+)ms cpu=(\d+)ms$/.exec(line);
        if (!m) return;
        readyLineAt = performance.now() - t0;
        resolve(m.slice(1).map(Number));
      }),
    );
    const pageUrl = await Promise.race([url, gone]);
    if (openPage) await Promise.race([openPage(pageUrl), gone]);
    const interactive = performance.now() - t0;
    const [loaded, core, bridge, cpu] = await Promise.race([ready, gone]);
    const times: StartTimes = { loaded: loaded!, core: core!, bridge: bridge!, cpu: cpu!, readyLine: readyLineAt, interactive };
    return times;
  } finally {
    kiosk.kill('SIGTERM');
    await exited;
  }
}


export async function bench(): Promise<BenchResult> {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--stale', 'renderer', 'node'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');

  try {
    return await measure();
  } finally {
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(): Promise<BenchResult> {
  const warm: StartTimes[] = [];
  const warmDir = dataDir();
  const browser = await launchTestBrowser();
  try {
    const firstBoot = await coldStart(warmDir, (url) => attractInteractive(browser.page, url)); // unmeasured: disk caches, a new store
    console.log(`  first boot (new data directory, not in the rows): core ready ${firstBoot.core} ms, attract interactive ${Math.round(firstBoot.interactive)} ms`);
    for (let i = 0; i < STARTS; i++) {
      const page = await browser.context.newPage();
      warm.push(await coldStart(warmDir, (url) => attractInteractive(page, url)));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const cold: StartTimes[] = [];
  for (let i = 0; i < STARTS; i++) {
    let chromium: TestBrowser | null = null;
    try {
      cold.push(await coldStart(warmDir, async (url) => {
        chromium = await launchTestBrowser();
        await attractInteractive(chromium.page, url);
      }));
    } finally {
      await (chromium as TestBrowser | null)?.close();
    }
  }

  const production: StartTimes[] = [];
  const productionDir = dataDir();
  const productionConfig = PRODUCTION_CONFIG(hashMaintenancePin('27182818'));
  const productionFirst = await coldStart(productionDir, null, productionConfig, PRODUCTION_ENV);
  console.log(`  production first boot (not in the rows): core ready ${productionFirst.core} ms`);
  for (let i = 0; i < STARTS; i++) production.push(await coldStart(productionDir, null, productionConfig, PRODUCTION_ENV));

  // The production config on the hall's devices: real drivers on PTYs, a central answering.
  const hall: StartTimes[] = [];
  const hallDir = dataDir();
  const hallDevices = await startHallDevices(path.join(hallDir, 'devices'));
  try {
    const hallConfig = { ...productionConfig, devices: hallDevices.devices, central: hallDevices.central };
    const hallBrowser = await launchTestBrowser();
    try {
      const first = await coldStart(hallDir, (url) => attractInteractive(hallBrowser.page, url), hallConfig, PRODUCTION_ENV);
      console.log(`  production with hall devices, first boot (not in the rows): core ready ${first.core} ms, attract interactive ${Math.round(first.interactive)} ms`);
      for (let i = 0; i < STARTS; i++) {
        const page = await hallBrowser.context.newPage();
        hall.push(await coldStart(hallDir, (url) => attractInteractive(page, url), hallConfig, PRODUCTION_ENV));
        await page.close();
      }
    } finally {
      await hallBrowser.close();
    }
  } finally {
    await hallDevices.stop();
  }

  const bootService = Array.from({ length: STARTS }, () => nodeBoot(SERVICE_ENV));
  const bootShell = Array.from({ length: STARTS }, () => nodeBoot(process.env));

  const row = (stage: string, xs: number[], goal?: number) => ({
    stage,
    'median ms': median(xs),
    'min ms': Math.min(...xs),
    'max ms': Math.max(...xs),
    limit: goal ?? '',
    ratio: goal ? median(xs) / goal : '',
    goal: goal ? `≤ ${goal} ms` : '',
    met: goal ? median(xs) <= goal : '',
  });
  return {
    rows: [
      row('modules loaded (kiosk: since process start)', warm.map((t) => t.loaded)),
      row('core ready (kiosk: since process start)', warm.map((t) => t.core), GOALS.core),
      row('bridge listening (kiosk: since process start)', warm.map((t) => t.bridge)),
      row('CPU used until the core was ready (kiosk)', warm.map((t) => t.cpu)),
      row('ready line seen (since spawn)', warm.map((t) => t.readyLine)),
      row('attract interactive, Chromium running (since spawn)', warm.map((t) => t.interactive), GOALS.interactive),
      row('attract interactive, Chromium launched cold (since spawn)', cold.map((t) => t.interactive), GOALS.interactive),
      row('production config, no devices: modules loaded', production.map((t) => t.loaded)),
      row('production config, no devices: core ready', production.map((t) => t.core), GOALS.core),
      row('production config, no devices: bridge listening', production.map((t) => t.bridge)),
      row('production config, no devices: CPU until the core was ready', production.map((t) => t.cpu)),
      row('production config, hall devices: modules loaded', hall.map((t) => t.loaded)),
      row('production config, hall devices: core ready', hall.map((t) => t.core), GOALS.core),
      row('production config, hall devices: bridge listening', hall.map((t) => t.bridge)),
      row('production config, hall devices: CPU until the core was ready', hall.map((t) => t.cpu)),
      row('production config, hall devices: attract interactive, Chromium running (since spawn)', hall.map((t) => t.interactive), GOALS.interactive),
      row('node -e 0, the service environment (the rows above)', bootService),
      row("node -e 0, this shell's environment", bootShell),
    ],
    notes: [
      `${STARTS} cold starts of the built kiosk each (BENCH_STARTS), each series onto its own data directory after one unmeasured first boot (a kiosk restarting onto its store);`,
      'demo config: simulated devices on PTYs and the embedded central, started by the kiosk in its own process; production config: a hall PIN, and either every device null and the central on loopback not answering (the core alone), or the hall devices: the same simulators in a process of their own (scripts/bench/hall-devices.ts), as a hall\'s readers, printer and central are outside the kiosk, its drivers on their PTYs and the central answering.',
      `The kiosk runs with the systemd unit's environment (${Object.keys(SERVICE_ENV).join(', ')} and its own variables), not this shell's${process.env.NODE_EXTRA_CA_CERTS ? `, whose NODE_EXTRA_CA_CERTS (${process.env.NODE_EXTRA_CA_CERTS}) Node parses at every start` : ''}.`,
      'Interactive: the attract screen visible and every device status bar item showing a state from the core.',
      'Goals: core ready ≤ 300 ms, attract screen interactive ≤ 1 s; medians, never asserted. limit = the goal; ratio = median / goal.',
    ],
  };
}
