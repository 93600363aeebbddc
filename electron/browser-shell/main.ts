/**
 * The browser shell: the kiosk core in plain Node, the UI in the system Chromium over a
 * loopback bridge. Used where no Electron build exists (and by the end-to-end tests).
 *   tsx electron/browser-shell/main.ts [--config kiosk.config.json] [--port 0] [--app] [--no-browser]
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { maintenanceStartupNote } from '../core/maintenance/pin.js';
import { loadKioskConfig } from '../core/config-loader.js';
import { composeKiosk } from '../core/compose.js';
import { startBridgeServer } from './bridge-server.js';
import { findChromium, hasDisplay, launchChromium, signalWindowGroup } from './chromium-launcher.js';
import { WindowWatchdog } from './window-watchdog.js';
import { installChromiumPolicy, MANAGED_POLICY_DIR, type PolicyInstall } from './chromium-policy.js';
import { installProcessGuard } from './process-guard.js';
import { ConfigError } from '../common/config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
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
  const bridge = await startBridgeServer({
    core: kiosk.core,
    staticDir: path.join(root, 'dist/renderer'),
    port: Number(values.port),
    log: (line) => console.log(line),
  });
  console.log(`kiosk ${config.kioskId} (${config.hall.name}) from ${file}`);
  console.log(`central API: ${kiosk.centralUrl}${kiosk.simulators.central ? ' (embedded simulator)' : ''}`);
  console.log(maintenanceStartupNote(config.maintenance.pinHash));
  if (Object.keys(kiosk.simulators).length > 0) {
    console.log('simulated devices: try `npm run -s sim -- swipe resident-1` (or hall-turning-60, elder-1…), `npm run -s sim -- paper-out`, `npm run -s sim -- central-down`');
  }

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
      await kiosk.close();
    })());
  installProcessGuard({ log: (line) => console.error(line), shutdown: close, exit: (code) => process.exit(code) });

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
    const { browser, reason } = launchChromium(bridge.issuePageUrl(), 'app', { log });
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
    windowLaunched = watchdog.start();
  }
  if (!windowLaunched) {
    console.log('open this address in Chromium (it works once: the page keeps a session secret; restart the kiosk for a new one):');
    console.log(`KIOSK_URL=${bridge.issuePageUrl()}`);
  }

  const shutdown = async () => {
    await close();
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
