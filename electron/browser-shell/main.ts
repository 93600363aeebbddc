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
import { loadKioskConfig } from '../core/config-loader.js';
import { loadDemoModule } from '../core/startup/demo-module.js';
import { isStartupRefusal, startKiosk, startupLines } from '../core/startup/start-kiosk.js';
import { startBridgeServer } from './bridge-server.js';
import { launchChromium, signalWindowGroup } from './chromium-launcher.js';
import { WindowWatchdog } from './window-watchdog.js';

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
  const { config, file } = loadKioskConfig(values.config);
  const started = await startKiosk(config, file, { shell: 'browser', loadDemo: (keys) => loadDemoModule([demoModule], keys) });
  const coreReadyMs = performance.now();
  for (const line of startupLines(file, started)) console.log(line);
  const kiosk = started.kiosk;
  const bridge = await startBridgeServer({
    core: kiosk.core,
    staticDir: path.join(root, 'dist/renderer'),
    port: Number(values.port),
    log: (line) => console.log(line),
  });
  // Milliseconds since this process started (performance.now's origin), and the CPU time used
  // so far (what a loaded machine does not inflate); the startup bench reads this line.
  const cpu = process.cpuUsage();
  console.log(`ready loaded=${Math.round(loadedMs)}ms core=${Math.round(coreReadyMs)}ms bridge=${Math.round(performance.now())}ms cpu=${Math.round((cpu.user + cpu.system) / 1000)}ms`);

  let browserExit: Promise<void> | null = null;
  let appWindow: ChildProcess | null = null;
  let watchdog: WindowWatchdog | null = null;
  if (!values['no-browser'] && values.app) {
    // App mode is for a desk: closing the window ends the kiosk.
    const { browser, reason } = launchChromium(bridge.url, 'app');
    console.log(browser ? `kiosk window: ${reason}` : `no kiosk window (${reason}); open this address in Chromium:`);
    if (browser) {
      appWindow = browser;
      browserExit = new Promise((resolve) => browser.once('exit', () => resolve()));
    }
  } else if (!values['no-browser']) {
    // Kiosk mode is unattended: the window comes back whatever happens to it.
    watchdog = new WindowWatchdog({
      launch: () => launchChromium(bridge.url, 'kiosk'),
      pages: { count: () => bridge.pageConnections(), onChange: (l) => bridge.onPageConnections(l) },
      log: (line) => console.log(line),
      ...(process.env.KIOSK_PAGE_GRACE_MS ? { pageGraceMs: Number(process.env.KIOSK_PAGE_GRACE_MS) } : {}),
    });
    if (!watchdog.start()) console.log('open this address in Chromium:');
  }
  console.log(`KIOSK_URL=${bridge.url}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await watchdog?.stop();
    // The window leads its own process group (chromium-launcher): end it with the kiosk.
    if (appWindow && appWindow.exitCode === null) signalWindowGroup(appWindow, 'SIGTERM');
    await bridge.close();
    await started.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  void browserExit?.then(shutdown);
}

main().catch((err: unknown) => {
  if (isStartupRefusal(err)) console.error(err.message);
  else console.error('kiosk failed to start:', err);
  process.exit(1);
});
