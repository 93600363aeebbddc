/**
 * Opens the system Chromium in kiosk (full screen, no chrome) or app mode on the
 * bridge URL. Headless machines get the URL printed instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags that keep a kiosk browser quiet on a closed hall network and locked to one page. */
export function chromiumArgs(url: string, mode: 'kiosk' | 'app', userDataDir: string): string[] {
  return [
    mode === 'kiosk' ? '--kiosk' : '--start-maximized',
    `--app=${url}`,
    `--user-data-dir=${userDataDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,TouchpadOverscrollHistoryNavigation',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--autoplay-policy=no-user-gesture-required',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
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
}

export function launchChromium(url: string, mode: 'kiosk' | 'app' = 'kiosk'): LaunchResult {
  if (!hasDisplay()) return { browser: null, reason: 'no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  const binary = findChromium();
  if (!binary) return { browser: null, reason: 'no Chromium found: run `bash scripts/system-deps.sh` as root' };
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-chromium-'));
  const browser = spawn(binary, chromiumArgs(url, mode, userDataDir), { stdio: 'ignore' });
  return { browser, reason: `${binary} in ${mode} mode` };
}
