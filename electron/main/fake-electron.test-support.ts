/** A typed fake of the slice of Electron the main process uses (see electron-api.ts). */
import type {
  AppLike,
  BrowserWindowLike,
  IpcMainLike,
  KioskElectron,
  KioskWindowOptions,
  PermissionSessionLike,
  WebContentsLike,
} from './electron-api.js';

type Listener = (...args: never[]) => unknown;

class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  fire(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

let nextId = 1;
export class FakeWebContents extends FakeEmitter implements WebContentsLike {
  readonly id = nextId++;
  readonly sent: Array<[string, unknown[]]> = [];
  reloads = 0;
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args]);
  }
  reload(): void {
    this.reloads += 1;
  }
  forcefullyCrashRenderer(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What capturePage paints: set by a test (an empty image, as Electron gives for a page not painted yet, by default). */
  painted: Uint8Array = new Uint8Array();
  captures = 0;
  async capturePage(): Promise<{ toPNG(): Uint8Array; isEmpty(): boolean }> {
    this.captures += 1;
    const png = this.painted;
    return { toPNG: () => png, isEmpty: () => png.length === 0 };
  }
}

export class FakeBrowserWindow extends FakeEmitter implements BrowserWindowLike {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  menu: null | 'default' = 'default';
  shown = false;
  focused = 0;
  constructor(readonly options: KioskWindowOptions) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  async loadFile(file: string): Promise<void> {
    this.loaded = file;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused += 1;
  }
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return false;
  }
  setMenu(menu: null): void {
    this.menu = menu;
  }
}

export class FakeApp extends FakeEmitter implements AppLike {
  lockGranted = true;
  quits = 0;
  relaunches = 0;
  exits: number[] = [];
  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quits += 1;
  }
  exit(code = 0): void {
    this.exits.push(code);
  }
  relaunch(): void {
    this.relaunches += 1;
  }
  getAppPath(): string {
    return '/opt/kiosk';
  }
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: { sender: { id: number } }, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: { sender: { id: number } }, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class FakeSession implements PermissionSessionLike {
  requestHandler: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0] = null;
  checkHandler: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0] = null;
  headersListener: Parameters<PermissionSessionLike['webRequest']['onHeadersReceived']>[0] | null = null;
  setPermissionRequestHandler(handler: FakeSession['requestHandler']): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void {
    this.checkHandler = handler;
  }
  webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => {
      this.headersListener = listener;
    },
  };
}

export function createFakeElectron() {
  FakeBrowserWindow.instances = [];
  const app = new FakeApp();
  const ipcMain = new FakeIpcMain();
  const session = new FakeSession();
  const blockers = { started: [] as string[], stopped: [] as number[] };
  let menu: null | 'default' = 'default';
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      setApplicationMenu: (m: null) => {
        menu = m;
      },
    },
    ipcMain,
    powerSaveBlocker: {
      start: (type: 'prevent-display-sleep') => {
        blockers.started.push(type);
        return 42;
      },
      stop: (id: number) => void blockers.stopped.push(id),
    },
    session: { defaultSession: session },
  } satisfies KioskElectron;
  return { electron, app, ipcMain, session, blockers, menu: () => menu };
}
