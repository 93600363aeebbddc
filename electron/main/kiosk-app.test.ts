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
import type { FleetShellHooks } from '../core/fleet/fleet-link.js';

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
  let fleetShell: FleetShellHooks | null = null;
  const run = runKioskApp(fake.electron, {
    window: { preloadPath: '/opt/kiosk/dist-electron/preload.cjs', indexHtml: '/opt/kiosk/dist/renderer/index.html', dev: options.dev },
    startCore: async (shell) => {
      fleetShell = shell;
      return { core, close };
    },
    watchdog: { maxFailures: 3, windowMs: 60_000, unresponsiveGraceMs: 1000, log: () => {} },
  });
  if (!run.started) throw new Error('not started');
  await run.ready;
  const win = FakeBrowserWindow.instances[0]!;
  return { ...fake, run, core, close, win, fleetShell: fleetShell! };
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

  it('gives the kiosk a fresh page when the core asks for a window restart (daily quiet time, operations)', async () => {
    const { core, win } = await startApp();
    expect(win.webContents.reloads).toBe(0);
    core.requestWindowRestart('daily restart');
    expect(win.webContents.reloads).toBe(1);
  });

  it("gives the fleet's screenshot the window's page as PNG, from memory", async () => {
    const { win, fleetShell } = await startApp();
    await expect(fleetShell.screenshot!()).rejects.toThrow('painted nothing yet');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    win.webContents.painted = png;
    expect(await fleetShell.screenshot!()).toBe(png);
    expect(win.webContents.captures).toBe(2);
    win.webContents.destroyed = true;
    await expect(fleetShell.screenshot!()).rejects.toThrow('no kiosk window');
    expect(win.webContents.captures).toBe(2);
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

describe('Electron kiosk lockdown', () => {
  const key = (k: string, mods: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) =>
    ({ type: 'keyDown', key: k, control: false, shift: false, alt: false, meta: false, ...mods });
  const pressed = (win: FakeBrowserWindow, input: ReturnType<typeof key>) => {
    const preventDefault = vi.fn();
    win.webContents.fire('before-input-event', { preventDefault }, input);
    return preventDefault.mock.calls.length > 0 ? 'blocked' : 'passed';
  };

  it('blocks the DevTools, reload, zoom, print, close and quit shortcuts, and lets the PIN pad keys through', async () => {
    const { win } = await startApp();
    const blocked = {
      'Ctrl+Shift+I': key('I', { control: true, shift: true }),
      'Ctrl+Shift+J': key('J', { control: true, shift: true }),
      F12: key('F12'),
      'Ctrl+R': key('r', { control: true }),
      'Ctrl+Shift+R': key('R', { control: true, shift: true }),
      F5: key('F5'),
      'Ctrl+W': key('w', { control: true }),
      'Ctrl+F4': key('F4', { control: true }),
      'Alt+F4': key('F4', { alt: true }),
      'Ctrl+Q': key('q', { control: true }),
      'Ctrl+=': key('=', { control: true }),
      'Ctrl+-': key('-', { control: true }),
      'Ctrl+0': key('0', { control: true }),
      'Ctrl+P': key('p', { control: true }),
      'Cmd+Q': key('q', { meta: true }),
      F11: key('F11'),
      Alt: key('Alt', { alt: true }),
      BrowserRefresh: key('BrowserRefresh'),
    };
    for (const [name, input] of Object.entries(blocked)) expect(pressed(win, input), name).toBe('blocked');
    for (const k of ['0', '7', 'a', 'Backspace', 'Enter', 'Tab']) expect(pressed(win, key(k)), k).toBe('passed');
    expect(pressed(win, key('A', { shift: true }))).toBe('passed');
  });

  it('refuses to close the window (Alt+F4, the window manager) unless the app is quitting', async () => {
    const { win, app } = await startApp();
    const attempt = () => {
      const preventDefault = vi.fn();
      win.fire('close', { preventDefault });
      return preventDefault.mock.calls.length > 0 ? 'kept open' : 'closed';
    };
    expect(attempt()).toBe('kept open');
    app.fire('before-quit');
    expect(attempt()).toBe('closed');
  });

  it('does not quit when the window is gone anyway: it opens a new one, bound to the core', async () => {
    const { app, ipcMain } = await startApp();
    app.fire('window-all-closed');
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(2));
    expect(app.quits).toBe(0);
    const second = FakeBrowserWindow.instances[1]!;
    expect(second.loaded).toBe('/opt/kiosk/dist/renderer/index.html');
    const handler = ipcMain.handlers.get(channel.method('getKioskInfo'))!;
    await expect(handler({ sender: { id: second.webContents.id } })).resolves.toMatchObject({ ok: true });
    await expect(handler({ sender: { id: FakeBrowserWindow.instances[0]!.webContents.id } })).resolves.toMatchObject({ ok: false, code: 'forbidden' });
    app.fire('before-quit');
    app.fire('window-all-closed');
    expect(app.quits).toBe(1);
  });

  it('in development the window closes, shortcuts work and closing the window quits', async () => {
    const { win, app } = await startApp({ dev: true });
    expect(pressed(win, key('F12'))).toBe('passed');
    const preventDefault = vi.fn();
    win.fire('close', { preventDefault });
    expect(preventDefault).not.toHaveBeenCalled();
    app.fire('window-all-closed');
    expect(app.quits).toBe(1);
  });
});
