import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs, hasDisplay, launchChromium, screenSize, writeKioskPreferences } from './chromium-launcher.js';

describe('Chromium launcher', () => {
  it('locks kiosk mode to the bridge URL with a fresh profile and no background traffic', () => {
    const args = chromiumArgs('http://127.0.0.1:5000/#token=t', 'kiosk', '/tmp/profile');
    expect(args).toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:5000/#token=t');
    expect(args).toContain('--user-data-dir=/tmp/profile');
    for (const flag of ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']) {
      expect(args).toContain(flag);
    }
  });

  it('sizes the kiosk window to the screen when there is no window manager to do it', () => {
    expect(chromiumArgs('http://127.0.0.1:1/', 'kiosk', '/tmp/p', '1920,1080')).toContain('--window-size=1920,1080');
    expect(screenSize({ KIOSK_WINDOW_SIZE: '1080,1920' })).toBe('1080,1920');
    expect(screenSize({ KIOSK_WINDOW_SIZE: 'huge' })).toBeNull();
  });

  it('writes a profile that never offers to translate the Chinese page', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'prefs-'));
    writeKioskPreferences(dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'Default', 'Preferences'), 'utf8'))).toMatchObject({ translate: { enabled: false } });
  });

  it('opens an app window instead of full screen in app mode', () => {
    const args = chromiumArgs('http://127.0.0.1:1/', 'app', '/tmp/p');
    expect(args).not.toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:1/');
  });

  it('knows when there is no display, and then opens nothing', () => {
    expect(hasDisplay({})).toBe(false);
    expect(hasDisplay({ DISPLAY: ':99' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    try {
      expect(launchChromium('http://127.0.0.1:1/')).toMatchObject({ browser: null, reason: expect.stringContaining('no display') });
    } finally {
      if (saved.DISPLAY !== undefined) process.env.DISPLAY = saved.DISPLAY;
      if (saved.WAYLAND_DISPLAY !== undefined) process.env.WAYLAND_DISPLAY = saved.WAYLAND_DISPLAY;
    }
  });
});
