/**
 * The slice of Electron the kiosk main process uses, as our own interfaces. index.ts
 * checks at compile time that the real `electron` module fits them; the unit tests
 * pass a typed fake of exactly this shape.
 */
export interface KioskWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  spellcheck: false;
  devTools: boolean;
  /** Voice prompts play at each step without a tap first (the browser shell passes the same flag). */
  autoplayPolicy: 'no-user-gesture-required';
}

export interface KioskWindowOptions {
  kiosk: boolean;
  fullscreen: boolean;
  autoHideMenuBar: true;
  frame: boolean;
  show: boolean;
  backgroundColor: string;
  title: string;
  webPreferences: KioskWebPreferences;
}

/** The keyboard event Electron hands `before-input-event` (the fields the kiosk looks at). */
export interface KeyInputLike {
  type: string;
  key: string;
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

export interface WebContentsLike {
  readonly id: number;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: KeyInputLike) => void): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
  reload(): void;
  forcefullyCrashRenderer(): void;
  isDestroyed(): boolean;
  /** The page as painted now (the fleet's `screenshot`: window-screenshot.ts). */
  capturePage(): Promise<{ toPNG(): Uint8Array; isEmpty(): boolean }>;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadFile(file: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  setMenu(menu: null): void;
}

export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: { sender: { id: number } }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance' | 'window-all-closed' | 'before-quit', listener: () => void): unknown;
  whenReady(): Promise<unknown>;
  quit(): void;
  exit(code?: number): void;
  relaunch(): void;
  getAppPath(): string;
}

export interface KioskElectron {
  app: AppLike;
  BrowserWindow: new (options: KioskWindowOptions) => BrowserWindowLike;
  Menu: { setApplicationMenu(menu: null): void };
  ipcMain: IpcMainLike;
  powerSaveBlocker: { start(type: 'prevent-display-sleep'): number; stop(id: number): void };
  session: { defaultSession: PermissionSessionLike };
}
