import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { TypedEmitter } from '../common/emitter.js';
import { WindowWatchdog } from './window-watchdog.js';

/** A stand-in for a Chromium process: kill() ends it the way a signal would. */
class FakeBrowser extends EventEmitter {
  static nextPid = 100;
  readonly pid = FakeBrowser.nextPid++;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly kills: string[] = [];
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.kills.push(signal);
    this.die(null, signal);
    return true;
  }
  die(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.exitCode = code;
    this.signalCode = signal;
    queueMicrotask(() => this.emit('exit', code, signal));
  }
}

function rig(grace = 5000) {
  const browsers: FakeBrowser[] = [];
  const profiles: string[] = [];
  const pages = new TypedEmitter<{ count: number }>();
  let count = 0;
  const log: string[] = [];
  const watchdog = new WindowWatchdog({
    launch: () => {
      const browser = new FakeBrowser();
      const userDataDir = mkdtempSync(join(tmpdir(), 'watchdog-profile-'));
      browsers.push(browser);
      profiles.push(userDataDir);
      // Each window's picture names its pid: the test sees whose page was taken.
      const screenshot = () => Promise.resolve(new Uint8Array([browser.pid]));
      return { browser: browser as unknown as ChildProcess, reason: 'fake chromium', userDataDir, screenshot };
    },
    pages: { count: () => count, onChange: (l) => pages.on('count', l) },
    log: (line) => log.push(line),
    pageGraceMs: grace,
    backoffMinMs: 1000,
    backoffMaxMs: 8000,
    healthyAfterMs: 60_000,
  });
  const setPages = (n: number) => {
    count = n;
    pages.emit('count', n);
  };
  return { watchdog, browsers, profiles, log, setPages };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WindowWatchdog', () => {
  it('relaunches a window that exits, with growing backoff, and removes each old profile', async () => {
    const { watchdog, browsers, profiles, log, setPages } = rig();
    expect(watchdog.start()).toBe(true);
    setPages(1);
    browsers[0]!.die(null, 'SIGSEGV');
    setPages(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(existsSync(profiles[0]!)).toBe(false);
    expect(log.at(-1)).toBe('kiosk window exited (SIGSEGV): relaunching in 1 s');
    await vi.advanceTimersByTimeAsync(999);
    expect(browsers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(browsers).toHaveLength(2);
    browsers[1]!.die(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.at(-1)).toBe('kiosk window exited (code 1): relaunching in 2 s');
    await vi.advanceTimersByTimeAsync(2000);
    expect(browsers).toHaveLength(3);
    expect(watchdog.restartCount).toBe(2);
    await watchdog.stop();
  });

  it('kills and relaunches a window whose page is gone longer than the grace period', async () => {
    const { watchdog, browsers, log, setPages } = rig(5000);
    watchdog.start();
    setPages(1);
    setPages(0); // the renderer crashed: its socket closed, the browser process lives on
    await vi.advanceTimersByTimeAsync(4999);
    expect(browsers[0]!.kills).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(browsers[0]!.kills).toEqual(['SIGKILL']);
    expect(log).toContain('kiosk page gone for 5 s: restarting the window');
    await vi.advanceTimersByTimeAsync(1000);
    expect(browsers).toHaveLength(2);
    await watchdog.stop();
  });

  it('leaves a window alone whose page comes back within the grace period (a reload)', async () => {
    const { watchdog, browsers, setPages } = rig(5000);
    watchdog.start();
    setPages(1);
    setPages(0);
    await vi.advanceTimersByTimeAsync(3000);
    setPages(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(browsers[0]!.kills).toEqual([]);
    expect(browsers).toHaveLength(1);
    await watchdog.stop();
  });

  it('restarts a window whose page never connects', async () => {
    const { watchdog, browsers } = rig(5000);
    watchdog.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(browsers[0]!.kills).toEqual(['SIGKILL']);
    await watchdog.stop();
  });

  it('starts the backoff over once a window has been healthy for a while', async () => {
    const { watchdog, browsers, log, setPages } = rig(10 ** 9);
    watchdog.start();
    for (let i = 0; i < 3; i++) {
      browsers.at(-1)!.die(1);
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(log.filter((l) => l.includes('relaunching')).at(-1)).toContain('in 4 s');
    setPages(1);
    await vi.advanceTimersByTimeAsync(60_000);
    browsers.at(-1)!.die(1);
    setPages(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.at(-1)).toContain('relaunching in 1 s');
    await watchdog.stop();
  });

  it('restart() (the daily quiet time, operations) brings a fresh window at once and counts no failure', async () => {
    const { watchdog, browsers, log, setPages } = rig();
    watchdog.start();
    setPages(1);
    browsers[0]!.die(1); // one failure first: its backoff must not delay the planned restart
    await vi.advanceTimersByTimeAsync(1000);
    expect(browsers).toHaveLength(2);
    expect(watchdog.restart('daily restart')).toBe(true);
    expect(browsers[1]!.kills).toEqual(['SIGTERM']);
    await vi.advanceTimersByTimeAsync(0);
    expect(browsers).toHaveLength(3);
    expect(watchdog.restartCount).toBe(1);
    expect(log).toContain('kiosk window: restarting (daily restart)');
    // The next crash is still the second failure: 2 s.
    browsers[2]!.die(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.at(-1)).toBe('kiosk window exited (code 1): relaunching in 2 s');
    await watchdog.stop();
    expect(watchdog.restart('after stop')).toBe(false);
  });

  it('takes the picture of the current window, and refuses while it is being relaunched', async () => {
    const { watchdog, browsers } = rig();
    watchdog.start();
    expect(await watchdog.screenshot()).toEqual(new Uint8Array([browsers[0]!.pid]));
    browsers[0]!.die(null, 'SIGKILL');
    await vi.advanceTimersByTimeAsync(0);
    await expect(watchdog.screenshot()).rejects.toThrow(/no kiosk window.*relaunched/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await watchdog.screenshot()).toEqual(new Uint8Array([browsers[1]!.pid]));
    await watchdog.stop();
  });

  it('stop() ends the window and relaunches nothing', async () => {
    const { watchdog, browsers, profiles } = rig();
    watchdog.start();
    await watchdog.stop();
    expect(browsers[0]!.kills).toEqual(['SIGTERM']);
    expect(existsSync(profiles[0]!)).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(browsers).toHaveLength(1);
  });

  it('says so when there is no window to start', () => {
    const log: string[] = [];
    const watchdog = new WindowWatchdog({
      launch: () => ({ browser: null, reason: 'no display (DISPLAY/WAYLAND_DISPLAY unset)' }),
      pages: { count: () => 0, onChange: () => () => {} },
      log: (l) => log.push(l),
    });
    expect(watchdog.start()).toBe(false);
    expect(log).toEqual(['no kiosk window (no display (DISPLAY/WAYLAND_DISPLAY unset))']);
  });
});
