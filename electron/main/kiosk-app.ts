/**
 * The Electron shell's lifecycle, written against KioskElectron so it is unit-tested
 * with a fake: single instance, a locked-down kiosk window, no display sleep, the
 * renderer watchdog and the IPC binding to the core.
 */
import type { KioskElectron } from './electron-api.js';
import { createKioskWindow, lockDownSession, type KioskWindowConfig } from './kiosk-window.js';
import { RendererWatchdog, type WatchdogOptions } from './renderer-watchdog.js';
import { bindKioskIpc } from './ipc-binding.js';
import type { KioskCore } from '../core/kiosk-core.js';

export interface KioskAppDeps {
  window: KioskWindowConfig;
  /** Starts the core (startKiosk: checks, demo composition when the config names one, composeKiosk; a test core in tests). */
  startCore(): Promise<{ core: KioskCore; close(): Promise<void> }>;
  watchdog?: WatchdogOptions;
}

export type KioskAppRun = { started: false; reason: 'second-instance' } | { started: true; ready: Promise<void> };

export function runKioskApp(electron: KioskElectron, deps: KioskAppDeps): KioskAppRun {
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    // Another kiosk already owns the screen and the devices.
    app.quit();
    return { started: false, reason: 'second-instance' };
  }
  const ready = (async () => {
    await app.whenReady();
    electron.Menu.setApplicationMenu(null);
    lockDownSession(electron.session.defaultSession);
    const kiosk = await deps.startCore();
    const win = createKioskWindow(electron, deps.window);
    const unbind = bindKioskIpc(electron.ipcMain, kiosk.core, win);
    new RendererWatchdog(app, win, deps.watchdog);
    const blocker = electron.powerSaveBlocker.start('prevent-display-sleep');
    app.on('second-instance', () => {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    });
    app.on('window-all-closed', () => app.quit());
    app.on('before-quit', () => {
      electron.powerSaveBlocker.stop(blocker);
      unbind();
      void kiosk.close();
    });
    await win.loadFile(deps.window.indexHtml);
  })();
  return { started: true, ready };
}
