/**
 * Opens the system Chromium in kiosk (full screen, no chrome) or app mode on the
 * bridge's page. Headless machines get a single-use URL printed instead (main.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { DevToolsPipe, openPage } from './devtools-pipe.js';
import { captureDisplayScreenshot } from './display-screenshot.js';
import { decideSandbox, systemSandboxProbe, type SandboxProbe } from './chromium-sandbox.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Flags that keep a kiosk browser quiet on a closed hall network and locked to one page.
 * No URL among them: the page's address carries a single-use token, and a command line is
 * world-readable (/proc/PID/cmdline). The launcher opens the page over the private
 * DevTools pipe instead (devtools-pipe.ts).
 */
export function chromiumArgs(mode: 'kiosk' | 'app', userDataDir: string, screen: string | null = null, sandboxFlags: string[] = []): string[] {
  return [
    ...(screen ? [`--window-size=${screen}`] : []),
    // --start-fullscreen too: without a window manager (a bare X server on a hall terminal) --kiosk alone keeps a default-size window.
    ...(mode === 'kiosk' ? ['--kiosk', '--start-fullscreen', '--window-position=0,0'] : ['--start-maximized']),
    '--remote-debugging-pipe',
    // The page's window is opened over the pipe: no blank startup window before it.
    '--no-startup-window',
    `--user-data-dir=${userDataDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // The page is Chinese; a browser whose UI language differs offers to translate it.
    '--lang=zh-CN',
    '--accept-lang=zh-CN,zh',
    '--disable-features=Translate,TranslateUI,TouchpadOverscrollHistoryNavigation',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--autoplay-policy=no-user-gesture-required',
    ...sandboxFlags,
  ];
}

/** Profile preferences no flag covers: no translate offer, no password or notification prompts. */
export function writeKioskPreferences(userDataDir: string): void {
  mkdirSync(path.join(userDataDir, 'Default'), { recursive: true });
  const prefs = {
    translate: { enabled: false },
    credentials_enable_service: false,
    profile: { password_manager_enabled: false, default_content_setting_values: { notifications: 2, geolocation: 2 } },
    intl: { accept_languages: 'zh-CN,zh' },
  };
  writeFileSync(path.join(userDataDir, 'Default', 'Preferences'), JSON.stringify(prefs));
}

/**
 * The screen size as "w,h": KIOSK_WINDOW_SIZE, else what xrandr reports. Without a window
 * manager Chromium cannot size a kiosk window to the screen by itself.
 */
export function screenSize(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.KIOSK_WINDOW_SIZE) return /^\d+,\d+$/.test(env.KIOSK_WINDOW_SIZE) ? env.KIOSK_WINDOW_SIZE : null;
  const r = spawnSync('xrandr', ['--current'], { encoding: 'utf8', timeout: 2000, env });
  const m = /current (\d+) x (\d+)/.exec(r.stdout ?? '');
  return m ? `${m[1]},${m[2]}` : null;
}

export function findChromium(): string | null {
  const fromEnv = process.env.KIOSK_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export interface LaunchResult {
  browser: ChildProcess | null;
  reason: string;
  /** The fresh profile of this launch (removed by whoever relaunches). */
  userDataDir?: string;
  processGroup?: boolean;
  /** A PNG of the screen this window fills (display-screenshot.ts), for the fleet's `screenshot`. */
  screenshot?: () => Promise<Uint8Array>;
}

export interface LaunchOptions {
  log: (line: string) => void;
  sandbox?: SandboxProbe;
}

/**
 * Starts Chromium and opens `pageUrl` in it over the DevTools pipe. The URL (with its
 * token) is on no command line and in no log. A browser that cannot open the page is
 * killed: its exit is what the window watchdog relaunches on.
 */
export function launchChromium(pageUrl: string, mode: 'kiosk' | 'app', options: LaunchOptions): LaunchResult {
  if (!hasDisplay()) return { browser: null, reason: 'no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  const binary = findChromium();
  if (!binary) return { browser: null, reason: 'no Chromium found: run `bash scripts/system-deps.sh` as root' };
  const sandbox = decideSandbox(options.sandbox ?? systemSandboxProbe);
  if (sandbox.flags.length > 0) options.log(sandbox.reason);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-chromium-'));
  writeKioskPreferences(userDataDir);
  // Its own process group, so the whole window (helpers included) can be signalled at once.
  const browser = spawn(binary, chromiumArgs(mode, userDataDir, mode === 'kiosk' ? screenSize() : null, sandbox.flags), {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  browser.on('error', (err) => options.log(`kiosk window could not start: ${err.message}`));
  const pipe = new DevToolsPipe(browser.stdio[3] as Writable, browser.stdio[4] as Readable);
  openPage(pipe, pageUrl, mode === 'kiosk').catch((err: unknown) => {
    if (browser.exitCode !== null || browser.signalCode !== null) return; // gone already: the watchdog knows
    options.log(`kiosk window could not open the page (${(err as Error).message}): ending it`);
    if (!signalWindowGroup(browser, 'SIGKILL')) browser.kill('SIGKILL');
  });
  // The X display the window is on (DevTools are disallowed on the page: chromium-policy.ts).
  const display = process.env.DISPLAY;
  const screenshot = () => captureDisplayScreenshot(display);
  return { browser, reason: `${binary} in ${mode} mode`, userDataDir, processGroup: true, screenshot };
}

/**
 * Signals the whole window: Chromium is launched as the leader of its own process group,
 * so its zygote, renderers and GPU process get the signal too. False when none is left.
 */
export function signalWindowGroup(browser: ChildProcess, signal: NodeJS.Signals): boolean {
  if (browser.pid === undefined) return false;
  try {
    process.kill(-browser.pid, signal);
    return true;
  } catch {
    return false;
  }
}
