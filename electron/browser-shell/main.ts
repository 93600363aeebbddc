/**
 * The browser shell: the kiosk core in plain Node, the UI in the system Chromium over a
 * loopback bridge. Used where no Electron build exists (and by the end-to-end tests).
 *   tsx electron/browser-shell/main.ts [--config kiosk.config.json] [--port 0] [--app] [--no-browser]
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { simulatedKeys } from '../common/config.js';
import { loadKioskConfig } from '../core/config-loader.js';
import { installConsoleLogLevel } from '../core/log-level.js';
import { loadDemoModule } from '../core/startup/demo-module.js';
import type { KioskCore } from '../core/kiosk-core.js';
import type { DemoComposition } from '../core/startup/demo-module.js';
import { checkKioskStart, composeFromConfig, isStartupRefusal, startupLines, type StartedKiosk } from '../core/startup/start-kiosk.js';
import { startBridgeServer } from './bridge-server.js';
import { findChromium, hasDisplay, launchChromium, signalWindowGroup } from './chromium-launcher.js';
import { WindowWatchdog } from './window-watchdog.js';
import { installChromiumPolicy, MANAGED_POLICY_DIR, type PolicyInstall } from './chromium-policy.js';
import { installProcessGuard } from './process-guard.js';

const here = fileURLToPath(import.meta.url);
// Two levels below the project root both from source (electron/browser-shell/main.ts) and built (dist/node/browser-shell.mjs).
const root = path.resolve(path.dirname(here), '../..');
// The demo composition, loaded only for a demo config: from source (tsx) its .ts, from the
// build the bundle beside this one. A path computed here, so no bundler pulls it in.
const demoModule = here.endsWith('.ts') ? path.join(root, 'scripts', 'sim', 'demo.ts') : path.join(path.dirname(here), 'demo.mjs');

async function main(): Promise<void> {
  const loadedMs = performance.now(); // every module imported and evaluated
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      port: { type: 'string', default: '0' },
      app: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
    },
  });
  // The kiosk's one log level over every console line (the fleet's set-log-level sets it).
  const logLevel = installConsoleLogLevel();
  // The fleet's screenshot: the page of whichever window is up when it is asked (set below).
  let screenshot: (() => Promise<Uint8Array>) | null = null;
  const fleetShell = { screenshot: () => (screenshot ? screenshot() : Promise.reject(new Error('this kiosk opened no window (--no-browser or no display)'))) };
  const { config, file } = loadKioskConfig(values.config);
  // The checks first: a config the kiosk refuses never opens a window.
  const report = await checkKioskStart(config, file);
  // A demo config's simulators are read while the bridge starts and the window opens.
  const simulated = simulatedKeys(config);
  const demoLoading = simulated.length > 0 ? loadDemoModule([demoModule], simulated) : null;
  demoLoading?.catch(() => {}); // composeFromConfig reports it
  // The bridge listens, and the window starts loading the page, while the core starts: a
  // cold Chromium takes longer to start than the core, and the page's socket waits for it.
  let coreStarted: (core: KioskCore) => void = () => {};
  let coreFailed: (err: unknown) => void = () => {};
  const core = new Promise<KioskCore>((resolve, reject) => {
    coreStarted = resolve;
    coreFailed = reject;
  });
  const bridge = await startBridgeServer({
    core,
    staticDir: path.join(root, 'dist/renderer'),
    port: Number(values.port),
    log: (line) => console.log(line),
  });
  const bridgeMs = performance.now();

  let started: StartedKiosk<DemoComposition> | null = null;
  let browserExit: Promise<void> | null = null;
  let appWindow: ChildProcess | null = null;
  let watchdog: WindowWatchdog | null = null;
  let policy: PolicyInstall | null = null;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await watchdog?.stop();
      // The window leads its own process group (chromium-launcher): end it with the kiosk.
      if (appWindow && appWindow.exitCode === null) signalWindowGroup(appWindow, 'SIGTERM');
      if (policy?.installed) policy.remove();
      await bridge.close();
      await started?.close();
    })());
  installProcessGuard({ log: (line) => console.error(line), shutdown: close, exit: (code) => process.exit(code) });
  const shutdown = async () => {
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  const log = (line: string) => console.log(line);
  const wantsWindow = !values['no-browser'];
  // The policy binds every Chromium on the machine: written only when this kiosk opens a window itself.
  if (wantsWindow && hasDisplay() && findChromium()) {
    policy = installChromiumPolicy(bridge.origin, process.env.KIOSK_CHROMIUM_POLICY_DIR ?? MANAGED_POLICY_DIR);
    console.log(policy.installed ? `Chromium policy: ${policy.file}` : policy.message);
  }
  // Each window gets a fresh single-use page URL, handed over privately: no token in any log or command line.
  let windowLaunched = false;
  if (wantsWindow && values.app) {
    // App mode is for a desk: closing the window ends the kiosk.
    const { browser, reason, screenshot: ofAppWindow } = launchChromium(bridge.issuePageUrl(), 'app', { log });
    screenshot = ofAppWindow ?? null;
    console.log(browser ? `kiosk window: ${reason}` : `no kiosk window (${reason})`);
    if (browser) {
      windowLaunched = true;
      appWindow = browser;
      browserExit = new Promise((resolve) => browser.once('exit', () => resolve()));
    }
  } else if (wantsWindow) {
    // Kiosk mode is unattended: the window comes back whatever happens to it.
    watchdog = new WindowWatchdog({
      launch: () => launchChromium(bridge.issuePageUrl(), 'kiosk', { log }),
      pages: { count: () => bridge.pageConnections(), onChange: (l) => bridge.onPageConnections(l) },
      log,
      ...(process.env.KIOSK_PAGE_GRACE_MS ? { pageGraceMs: Number(process.env.KIOSK_PAGE_GRACE_MS) } : {}),
    });
    const kioskWindows = watchdog;
    screenshot = () => kioskWindows.screenshot();
    windowLaunched = watchdog.start();
  }
  if (!windowLaunched) {
    console.log('open this address in Chromium (it works once: the page keeps a session secret; restart the kiosk for a new one):');
    console.log(`KIOSK_URL=${bridge.issuePageUrl()}`);
  }

  try {
    started = await composeFromConfig(config, { shell: 'browser', fleetShell, logLevel, loadDemo: (keys) => demoLoading ?? loadDemoModule([demoModule], keys) });
  } catch (err) {
    coreFailed(err);
    await close();
    throw err;
  }
  coreStarted(started.kiosk.core);
  const coreReadyMs = performance.now();
  for (const line of startupLines(file, { ...started, report })) console.log(line);
  // Milliseconds since this process started (performance.now's origin), and the CPU time used
  // so far (what a loaded machine does not inflate); the startup bench reads this line. The
  // bridge listened before the core was ready.
  const cpu = process.cpuUsage();
  console.log(`ready loaded=${Math.round(loadedMs)}ms core=${Math.round(coreReadyMs)}ms bridge=${Math.round(bridgeMs)}ms cpu=${Math.round((cpu.user + cpu.system) / 1000)}ms`);
  if (watchdog) {
    const restarting = watchdog;
    started.kiosk.core.shellRequests.on('restartWindow', ({ reason }) => {
      if (!restarting.restart(reason)) log(`kiosk window: no window to restart (${reason})`);
    });
  }

  void browserExit?.then(shutdown);
}

main().catch((err: unknown) => {
  if (isStartupRefusal(err)) console.error(err.message);
  else console.error('kiosk failed to start:', err);
  process.exit(1);
});
