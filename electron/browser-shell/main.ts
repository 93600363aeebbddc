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
import { maintenanceStartupNote } from '../core/maintenance/pin.js';
import { loadKioskConfig } from '../core/config-loader.js';
import { composeKiosk } from '../core/compose.js';
import { startBridgeServer } from './bridge-server.js';
import { launchChromium, signalWindowGroup } from './chromium-launcher.js';
import { WindowWatchdog } from './window-watchdog.js';
import { ConfigError } from '../common/config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
  const kiosk = await composeKiosk(config, { shell: 'browser' });
  const coreReadyMs = performance.now();
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
  console.log(`kiosk ${config.kioskId} (${config.hall.name}) from ${file}`);
  console.log(`central API: ${kiosk.centralUrl}${kiosk.simulators.central ? ' (embedded simulator)' : ''}`);
  console.log(maintenanceStartupNote(config.maintenance.pinHash));
  if (Object.keys(kiosk.simulators).length > 0) {
    console.log('simulated devices: try `npm run -s sim -- swipe resident-1` (or hall-turning-60, elder-1…), `npm run -s sim -- paper-out`, `npm run -s sim -- central-down`');
  }

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
    await kiosk.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  void browserExit?.then(shutdown);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('kiosk failed to start:', err);
  process.exit(1);
});
