/**
 * The Electron shell's lifecycle, written against KioskElectron so it is unit-tested
 * with a fake: single instance, a locked-down kiosk window that only the app's own quit
 * closes (and that is opened again if it goes anyway), no display sleep, the renderer
 * watchdog and the IPC binding to the core.
 */
import type { BrowserWindowLike, KioskElectron } from './electron-api.js';
import { createKioskWindow, lockDownSession, type KioskWindowConfig } from './kiosk-window.js';
import { RendererWatchdog, type WatchdogOptions } from './renderer-watchdog.js';
import { bindKioskIpc } from './ipc-binding.js';
import { windowScreenshot } from './window-screenshot.js';
import type { KioskCore } from '../core/kiosk-core.js';
import type { FleetShellHooks } from '../core/fleet/fleet-link.js';

export interface KioskAppDeps {
  window: KioskWindowConfig;
  /**
   * Starts the core (startKiosk: checks, demo composition when the config names one,
   * composeKiosk; a test core in tests), given what this shell offers fleet commands.
   */
  startCore(fleetShell: FleetShellHooks): Promise<{ core: KioskCore; close(): Promise<void> }>;
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
    let win: BrowserWindowLike | null = null;
    // The window of the moment: the core starts before the first one opens.
    const kiosk = await deps.startCore({ screenshot: () => windowScreenshot(win) });
    let quitting = false;
    let unbind = () => {};
    /** The kiosk window with its IPC binding and watchdog; again if the window is ever gone. */
    const openWindow = async () => {
      unbind();
      const opened = createKioskWindow(electron, deps.window, () => quitting);
      win = opened;
      unbind = bindKioskIpc(electron.ipcMain, kiosk.core, opened);
      new RendererWatchdog(app, opened, deps.watchdog);
      await opened.loadFile(deps.window.indexHtml);
    };
    const firstLoad = openWindow();
    // A fresh page, same core (the daily quiet-time restart, operations' command).
    kiosk.core.shellRequests.on('restartWindow', () => {
      if (win && !win.isDestroyed()) win.webContents.reload();
    });
    const blocker = electron.powerSaveBlocker.start('prevent-display-sleep');
    app.on('second-instance', () => {
      if (!win || win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    });
    // In kiosk mode the app outlives its window: a window that went anyway is opened again.
    app.on('window-all-closed', () => {
      if (quitting || deps.window.dev) app.quit();
      else void openWindow();
    });
    app.on('before-quit', () => {
      quitting = true;
      electron.powerSaveBlocker.stop(blocker);
      unbind();
      void kiosk.close();
    });
    await firstLoad;
  })();
  return { started: true, ready };
}
