import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron.test-support.js';
import { runKioskApp } from './kiosk-app.js';
import { KIOSK_CSP } from './kiosk-window.js';
import { KioskCore } from '../core/kiosk-core.js';
import { testConfig } from '../../test/support/kiosk.js';
import { METHOD_NAMES } from '../common/contract.js';
import { channel } from '../common/rpc.js';
import { TypedEmitter } from '../common/emitter.js';
import type { SyncStatus } from '../common/contract.js';

const syncStatus: SyncStatus = { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true };

async function startApp(options: { dev?: boolean } = {}) {
  const fake = createFakeElectron();
  const core = new KioskCore({
    config: testConfig('/tmp/kiosk-test'),
    shell: 'electron',
    devices: {},
    sync: { start: async () => {}, stop: async () => {}, status: () => syncStatus, onStatus: (l) => new TypedEmitter<{ s: SyncStatus }>().on('s', l) },
  });
  const close = vi.fn(async () => {});
  const run = runKioskApp(fake.electron, {
    window: { preloadPath: '/opt/kiosk/dist-electron/preload.cjs', indexHtml: '/opt/kiosk/dist/renderer/index.html', dev: options.dev },
    startCore: async () => ({ core, close }),
    watchdog: { maxFailures: 3, windowMs: 60_000, unresponsiveGraceMs: 1000, log: () => {} },
  });
  if (!run.started) throw new Error('not started');
  await run.ready;
  const win = FakeBrowserWindow.instances[0]!;
  return { ...fake, run, core, close, win };
}

describe('Electron kiosk shell', () => {
  it('quits when another kiosk instance holds the lock', () => {
    const fake = createFakeElectron();
    fake.app.lockGranted = false;
    const run = runKioskApp(fake.electron, { window: { preloadPath: 'p', indexHtml: 'i' }, startCore: vi.fn() });
    expect(run).toEqual({ started: false, reason: 'second-instance' });
    expect(fake.app.quits).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('opens one locked-down kiosk window', async () => {
    const { win, menu } = await startApp();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      devTools: false,
      autoplayPolicy: 'no-user-gesture-required',
      preload: '/opt/kiosk/dist-electron/preload.cjs',
    });
    expect(win.menu).toBeNull();
    expect(menu()).toBeNull();
    expect(win.loaded).toBe('/opt/kiosk/dist/renderer/index.html');
    win.fire('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('blocks navigation, redirects and new windows', async () => {
    const { win } = await startApp();
    for (const event of ['will-navigate', 'will-redirect']) {
      const preventDefault = vi.fn();
      win.webContents.fire(event, { preventDefault }, 'https://example.com/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
    expect(win.webContents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission and sets a strict CSP on responses', async () => {
    const { session } = await startApp();
    const granted = vi.fn();
    session.requestHandler?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(session.checkHandler?.({}, 'geolocation')).toBe(false);
    const respond = vi.fn();
    session.headersListener?.({ responseHeaders: { 'X-A': ['1'] } }, respond);
    expect(respond).toHaveBeenCalledWith({ responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': [KIOSK_CSP] } });
    expect(KIOSK_CSP).toContain("script-src 'self'");
    expect(KIOSK_CSP).not.toContain('unsafe-eval');
  });

  it('keeps the display awake and releases it on quit', async () => {
    const { blockers, app, close } = await startApp();
    expect(blockers.started).toEqual(['prevent-display-sleep']);
    app.fire('before-quit');
    expect(blockers.stopped).toEqual([42]);
    expect(close).toHaveBeenCalled();
  });

  it('registers one IPC handler per contract method and refuses other senders', async () => {
    const { ipcMain, win } = await startApp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => channel.method(m)).sort());
    const handler = ipcMain.handlers.get(channel.method('getKioskInfo'))!;
    await expect(handler({ sender: { id: win.webContents.id } })).resolves.toMatchObject({ ok: true, value: { shell: 'electron' } });
    await expect(handler({ sender: { id: 9999 } })).resolves.toMatchObject({ ok: false, code: 'forbidden' });
    const end = ipcMain.handlers.get(channel.method('endSession'))!;
    await expect(end({ sender: { id: win.webContents.id } }, 'bogus')).resolves.toMatchObject({ ok: false, code: 'invalid-arguments' });
  });

  it('forwards core events to the window on their contract channel', async () => {
    const { core, win } = await startApp();
    core.events.emit('notice', { code: 'printer-paper-out', level: 'warning', at: 5 });
    expect(win.webContents.sent).toContainEqual([channel.event('notice'), [{ code: 'printer-paper-out', level: 'warning', at: 5 }]]);
  });

  it('reloads a crashed renderer, then relaunches after repeated crashes', async () => {
    const { win, app } = await startApp();
    win.webContents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win.webContents.reloads).toBe(1);
    win.webContents.fire('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(win.webContents.reloads).toBe(1);
    win.webContents.fire('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(app.relaunches).toBe(0);
    win.webContents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(app.relaunches).toBe(1);
    expect(app.exits).toEqual([0]);
  });

  it('reloads a renderer that stays unresponsive, not one that recovers', async () => {
    vi.useFakeTimers();
    try {
      const { win } = await startApp();
      win.webContents.fire('unresponsive');
      win.webContents.fire('responsive');
      await vi.advanceTimersByTimeAsync(2000);
      expect(win.webContents.reloads).toBe(0);
      win.webContents.fire('unresponsive');
      await vi.advanceTimersByTimeAsync(1000);
      expect(win.webContents.reloads).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { app, win } = await startApp();
    app.fire('second-instance');
    expect(win.focused).toBe(1);
  });

  it('opens a framed window with devtools in development only', async () => {
    const { win } = await startApp({ dev: true });
    expect(win.options).toMatchObject({ kiosk: false, frame: true, webPreferences: { devTools: true, sandbox: true } });
  });
});
