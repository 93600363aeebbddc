/** Electron main entry (bundled to dist-electron/main.cjs by scripts/build-electron.mjs). */
import * as electron from 'electron';
import path from 'node:path';
import type { KioskElectron } from './electron-api.js';
import { runKioskApp } from './kiosk-app.js';
import { loadKioskConfig } from '../core/config-loader.js';
import { composeKiosk } from '../core/compose.js';

// Compile-time proof that the real module fits the interfaces the tests fake.
const kioskElectron: KioskElectron = electron;

const appRoot = electron.app.getAppPath();
const run = runKioskApp(kioskElectron, {
  window: {
    preloadPath: path.join(appRoot, 'dist-electron/preload.cjs'),
    indexHtml: path.join(appRoot, 'dist/renderer/index.html'),
    dev: process.env.KIOSK_DEV === '1',
  },
  startCore: async () => {
    const { config } = loadKioskConfig(process.env.KIOSK_CONFIG);
    return composeKiosk(config, { shell: 'electron' });
  },
});
if (run.started) {
  run.ready.catch((err: unknown) => {
    console.error('kiosk failed to start:', err);
    electron.app.exit(1);
  });
}
