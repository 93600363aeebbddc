/**
 * The kiosk window and its lockdown: full screen, no menu, an isolated sandboxed page
 * with no Node, a strict CSP, no navigation away, no new windows, no permissions, no
 * keyboard shortcut that opens DevTools, reloads, zooms, prints or closes, and no close
 * (Alt+F4, the window manager) unless the app itself is quitting.
 */
import { ELECTRON_CSP } from '../common/csp.js';
import type { BrowserWindowLike, KeyInputLike, KioskElectron, KioskWindowOptions, PermissionSessionLike } from './electron-api.js';

/** The one kiosk CSP (electron/common/csp.ts), as the Electron shell sends it. */
export const KIOSK_CSP = ELECTRON_CSP;

export interface KioskWindowConfig {
  preloadPath: string;
  indexHtml: string;
  /** Development: a window with a frame and devtools instead of kiosk mode. */
  dev?: boolean;
}

/**
 * Keys the kiosk page never needs and a passer-by must not use: anything with Ctrl, Meta
 * or Alt (Ctrl+Shift+I DevTools, Ctrl+R reload, Ctrl+W/Ctrl+Q close and quit, Ctrl+=/-/0
 * zoom, Ctrl+P print, Alt+F4, Alt for a menu…) and every function key (F5 reload, F11
 * full screen, F12 DevTools). Digits, letters, Backspace and Enter (the PIN pad, a hall
 * keyboard) pass.
 */
export function isBlockedShortcut(input: KeyInputLike): boolean {
  if (input.control || input.meta || input.alt) return true;
  return /^F\d{1,2}$/.test(input.key) || input.key === 'BrowserBack' || input.key === 'BrowserForward' || input.key === 'BrowserRefresh';
}

export function kioskWindowOptions(config: KioskWindowConfig): KioskWindowOptions {
  return {
    kiosk: !config.dev,
    fullscreen: !config.dev,
    autoHideMenuBar: true,
    frame: Boolean(config.dev),
    show: false,
    backgroundColor: '#f3f6fa',
    title: '自助服务终端',
    webPreferences: {
      preload: config.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: Boolean(config.dev),
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

/** Deny every permission (camera, geolocation, notifications…) and add the CSP header to every response. */
export function lockDownSession(session: PermissionSessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [KIOSK_CSP] } });
  });
}

/** `quitting` says whether the app is on its way out (then, and in development, the window may close). */
export function createKioskWindow(electron: KioskElectron, config: KioskWindowConfig, quitting: () => boolean = () => false): BrowserWindowLike {
  const win = new electron.BrowserWindow(kioskWindowOptions(config));
  win.setMenu(null);
  const contents = win.webContents;
  // The page never leaves the bundled renderer: block navigation, redirects and pop-ups.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (!config.dev) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input)) event.preventDefault();
    });
    win.on('close', (event) => {
      if (!quitting()) event.preventDefault();
    });
  }
  win.once('ready-to-show', () => win.show());
  return win;
}
