/** Electron main entry (bundled to dist-electron/main.cjs by scripts/build-electron.mjs). */
import * as electron from 'electron';
import path from 'node:path';
import type { KioskElectron } from './electron-api.js';
import { runKioskApp } from './kiosk-app.js';
import { loadKioskConfig } from '../core/config-loader.js';
import { installConsoleLogLevel } from '../core/log-level.js';
import { loadDemoModule } from '../core/startup/demo-module.js';
import { isStartupRefusal, startKiosk, startupLines } from '../core/startup/start-kiosk.js';

// Compile-time proof that the real module fits the interfaces the tests fake.
const kioskElectron: KioskElectron = electron;

const appRoot = electron.app.getAppPath();
// The demo composition is its own bundle (scripts/build-electron.mjs), loaded only for a
// demo config by this computed path: main.cjs holds no simulator, and a package built
// without demo.cjs refuses a demo config.
const demoModule = path.join(appRoot, 'dist-electron', 'demo.cjs');
const run = runKioskApp(kioskElectron, {
  window: {
    preloadPath: path.join(appRoot, 'dist-electron/preload.cjs'),
    indexHtml: path.join(appRoot, 'dist/renderer/index.html'),
    dev: process.env.KIOSK_DEV === '1',
  },
  startCore: async (fleetShell) => {
    // The kiosk's one log level over every console line of the main process (the fleet's set-log-level sets it).
    const logLevel = installConsoleLogLevel();
    const { config, file } = loadKioskConfig(process.env.KIOSK_CONFIG);
    const started = await startKiosk(config, file, { shell: 'electron', fleetShell, logLevel, loadDemo: (keys) => loadDemoModule([demoModule], keys) });
    for (const line of startupLines(file, started)) console.log(line);
    return { core: started.kiosk.core, close: started.close };
  },
});
if (run.started) {
  run.ready.catch((err: unknown) => {
    if (isStartupRefusal(err)) console.error(err.message);
    else console.error('kiosk failed to start:', err);
    electron.app.exit(1);
  });
}
