/**
 * The kiosk window and its lockdown: full screen, no menu, an isolated sandboxed page
 * with no Node, a strict CSP, no navigation away, no new windows, no permissions.
 */
import { ELECTRON_CSP } from '../common/csp.js';
import type { BrowserWindowLike, KioskElectron, KioskWindowOptions, PermissionSessionLike } from './electron-api.js';

/** The one kiosk CSP (electron/common/csp.ts), as the Electron shell sends it. */
export const KIOSK_CSP = ELECTRON_CSP;

export interface KioskWindowConfig {
  preloadPath: string;
  indexHtml: string;
  /** Development: a window with a frame and devtools instead of kiosk mode. */
  dev?: boolean;
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

export function createKioskWindow(electron: KioskElectron, config: KioskWindowConfig): BrowserWindowLike {
  const win = new electron.BrowserWindow(kioskWindowOptions(config));
  win.setMenu(null);
  const contents = win.webContents;
  // The page never leaves the bundled renderer: block navigation, redirects and pop-ups.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  return win;
}
