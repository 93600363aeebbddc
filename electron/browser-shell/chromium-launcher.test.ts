import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs, hasDisplay, launchChromium, screenSize, writeKioskPreferences } from './chromium-launcher.js';
import { decideSandbox, type SandboxProbe } from './chromium-sandbox.js';
import { installChromiumPolicy, kioskChromiumPolicy, type PolicyInstall } from './chromium-policy.js';

describe('Chromium launcher', () => {
  it('starts kiosk mode with a fresh profile, no background traffic and no URL on its command line', () => {
    const args = chromiumArgs('kiosk', '/tmp/profile');
    expect(args).toContain('--kiosk');
    // The page (its URL carries the single-use token) is opened over the private DevTools pipe.
    expect(args).toContain('--remote-debugging-pipe');
    expect(args.filter((a) => a.includes('127.0.0.1') || a.includes('token') || a.startsWith('--app'))).toEqual([]);
    expect(args.some((a) => a.startsWith('--remote-debugging-port'))).toBe(false);
    expect(args).toContain('--user-data-dir=/tmp/profile');
    for (const flag of ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']) {
      expect(args).toContain(flag);
    }
  });

  it('sizes the kiosk window to the screen when there is no window manager to do it', () => {
    expect(chromiumArgs('kiosk', '/tmp/p', '1920,1080')).toContain('--window-size=1920,1080');
    expect(screenSize({ KIOSK_WINDOW_SIZE: '1080,1920' })).toBe('1080,1920');
    expect(screenSize({ KIOSK_WINDOW_SIZE: 'huge' })).toBeNull();
  });

  it('writes a profile that never offers to translate the Chinese page', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'prefs-'));
    writeKioskPreferences(dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'Default', 'Preferences'), 'utf8'))).toMatchObject({ translate: { enabled: false } });
  });

  it('opens an app window instead of full screen in app mode', () => {
    const args = chromiumArgs('app', '/tmp/p');
    expect(args).not.toContain('--kiosk');
    expect(args).toContain('--start-maximized');
  });

  it('knows when there is no display, and then opens nothing', () => {
    expect(hasDisplay({})).toBe(false);
    expect(hasDisplay({ DISPLAY: ':99' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    try {
      expect(launchChromium('http://127.0.0.1:1/', 'kiosk', { log: () => {} })).toMatchObject({ browser: null, reason: expect.stringContaining('no display') });
    } finally {
      if (saved.DISPLAY !== undefined) process.env.DISPLAY = saved.DISPLAY;
      if (saved.WAYLAND_DISPLAY !== undefined) process.env.WAYLAND_DISPLAY = saved.WAYLAND_DISPLAY;
    }
  });

  it('passes the sandbox flags it is given, and no --no-sandbox otherwise', () => {
    expect(chromiumArgs('kiosk', '/tmp/p')).not.toContain('--no-sandbox');
    expect(chromiumArgs('kiosk', '/tmp/p', null, ['--no-sandbox'])).toContain('--no-sandbox');
  });
});

describe('Chromium sandbox', () => {
  const probe = (uid: number, sysctls: Record<string, string> = {}, setuid = false): SandboxProbe => ({
    uid,
    sysctl: (p) => sysctls[p] ?? null,
    setuidHelper: () => setuid,
  });

  it('keeps the sandbox for the kiosk user where user namespaces work', () => {
    expect(decideSandbox(probe(1000, { '/proc/sys/user/max_user_namespaces': '63000' }))).toEqual({ flags: [], reason: 'Chromium sandboxed' });
    expect(decideSandbox(probe(1000)).flags).toEqual([]); // sysctls absent: nothing restricts them
  });

  it('drops it as root, and says why', () => {
    const d = decideSandbox(probe(0, { '/proc/sys/user/max_user_namespaces': '63000' }));
    expect(d.flags).toEqual(['--no-sandbox']);
    expect(d.reason).toMatch(/runs as root.*kiosk user/);
  });

  it('drops it without user namespaces unless a setuid helper can sandbox instead', () => {
    for (const sysctls of [
      { '/proc/sys/user/max_user_namespaces': '0' },
      { '/proc/sys/kernel/unprivileged_userns_clone': '0' },
      { '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1' },
    ] as Array<Record<string, string>>) {
      const d = decideSandbox(probe(1000, sysctls));
      expect(d.flags).toEqual(['--no-sandbox']);
      expect(d.reason).toContain(Object.keys(sysctls)[0]!.split('/').slice(3).join('.'));
      expect(decideSandbox(probe(1000, sysctls, true)).flags).toEqual([]);
    }
  });
});

describe('Chromium policy', () => {
  it('disables DevTools and extensions and allows only the bridge origin', () => {
    const policy = kioskChromiumPolicy('http://127.0.0.1:5000');
    expect(policy).toMatchObject({
      DeveloperToolsAvailability: 2,
      ExtensionInstallBlocklist: ['*'],
      URLBlocklist: ['*'],
      URLAllowlist: ['http://127.0.0.1:5000'],
    });
    expect(policy).not.toHaveProperty('DeveloperToolsAvailabilityAllowlist');
  });

  it('never allows DevTools, not even on the kiosk origin, fleet or not', () => {
    // One policy whatever the config: the fleet's screenshot needs no DevTools
    // (display-screenshot.ts), and a keyboard plugged into the kiosk must not open them.
    // The option an earlier version took for a fleet ({ pageScreenshots }) changes nothing.
    const install = installChromiumPolicy as (origin: string, dir: string, options?: unknown) => PolicyInstall;
    for (const options of [undefined, { pageScreenshots: true }]) {
      const dir = path.join(mkdtempSync(path.join(tmpdir(), 'policy-')), 'managed');
      install('http://127.0.0.1:5000', dir, options);
      const written = JSON.parse(readFileSync(path.join(dir, 'hall-kiosk.json'), 'utf8')) as Record<string, unknown>;
      expect(Object.entries(written).filter(([key]) => key.startsWith('DeveloperTools'))).toEqual([['DeveloperToolsAvailability', 2]]);
    }
  });

  it('writes the policy file where it may, and removes it on request', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'policy-')), 'managed');
    const install = installChromiumPolicy('http://127.0.0.1:5000', dir);
    expect(install.installed).toBe(true);
    const file = path.join(dir, 'hall-kiosk.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(kioskChromiumPolicy('http://127.0.0.1:5000'));
    if (install.installed) install.remove();
    expect(existsSync(file)).toBe(false);
  });

  it('names the exact file and content to install where it may not write', () => {
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'policy-')), 'a-file');
    writeFileSync(blocker, '');
    const install = installChromiumPolicy('http://127.0.0.1:5000', path.join(blocker, 'managed'));
    expect(install.installed).toBe(false);
    if (!install.installed) {
      expect(install.message).toContain(path.join(blocker, 'managed', 'hall-kiosk.json'));
      expect(install.message).toContain('"URLAllowlist":["http://127.0.0.1:5000"]');
    }
  });
});
