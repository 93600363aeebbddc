/**
 * The browser shell unattended, with everything real: Xvfb, Debian's Chromium in kiosk
 * mode, the shell's own main process. Chromium killed outright comes back; a crashed
 * page (its renderer process killed: "Aw, Snap!", never reconnecting by itself) gets its
 * window restarted after the grace period; SIGTERM ends the kiosk and its window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const MAIN = path.resolve('electron/browser-shell/main.ts');

/** The processes below `pid` (Chromium's zygote, renderers, GPU…), read from /proc. */
function descendants(pid: number): Array<{ pid: number; cmdline: string }> {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return [{ pid: Number(d), ppid, cmdline: readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ') }];
    } catch {
      return [];
    }
  });
  const found: Array<{ pid: number; cmdline: string }> = [];
  const walk = (parent: number) => {
    for (const p of all.filter((q) => q.ppid === parent)) {
      found.push(p);
      walk(p.pid);
    }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

describe('browser shell window watchdog (Xvfb + Chromium)', () => {
  let xvfb: ChildProcess;
  let shell: ChildProcess;
  let shellTmp: string;
  let policyFile: string;
  const lines: string[] = [];
  const waitForLine = async (pattern: RegExp, after: number, timeout = 30_000) => {
    await expect.poll(() => lines.slice(after).some((l) => pattern.test(l)), { timeout, interval: 100 }).toBe(true);
    return lines.slice(after).find((l) => pattern.test(l))!;
  };
  const pidOf = (line: string) => Number(/\(pid (\d+)\)/.exec(line)![1]);

  beforeAll(async () => {
    // -displayfd: Xvfb picks a free display and writes its number once it is ready.
    xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    const display = `:${(await new Promise<string>((resolve, reject) => {
      createInterface({ input: xvfb.stdio[3] as NodeJS.ReadableStream }).once('line', resolve);
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
    })).trim()}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'watchdog-e2e-'));
    const config = path.join(dir, 'kiosk.config.json');
    writeFileSync(config, JSON.stringify({
      kioskId: 'WD-K01', hall: { name: '看门狗测试大厅', regionCode: '330102' },
      devices: { idcard: null, citizencard: null, printer: null }, central: { url: 'embedded' }, dataDir: path.join(dir, 'var'),
    }));
    // The shell's own temp dir: each window's Chromium profile is made there, and must go.
    shellTmp = mkdtempSync(path.join(dir, 'tmp-'));
    policyFile = path.join(dir, 'policies', 'hall-kiosk.json');
    shell = spawn(process.execPath, ['--import', 'tsx', MAIN, '--config', config], {
      // The Chromium policy goes to a directory of the test's own: /etc/chromium/policies binds every Chromium on the machine.
      env: { ...process.env, TMPDIR: shellTmp, DISPLAY: display, KIOSK_PAGE_GRACE_MS: '8000', KIOSK_WINDOW_SIZE: '1280,800', KIOSK_CHROMIUM_POLICY_DIR: path.join(dir, 'policies') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: shell.stdout! }).on('line', (l) => lines.push(l));
  });

  afterAll(() => {
    // A failed step must not leave Chromium running: its processes first, then the shell.
    if (shell?.pid && shell.exitCode === null) {
      for (const p of descendants(shell.pid).reverse()) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch { /* already gone */ }
      }
    }
    shell?.kill('SIGKILL');
    xvfb?.kill('SIGKILL');
  });

  it('opens the kiosk window, and relaunches Chromium killed outright', async () => {
    const first = pidOf(await waitForLine(/^kiosk window: .* in kiosk mode \(pid \d+\)/, 0));
    await waitForLine(/^kiosk page connected$/, 0);
    expect(readdirSync(shellTmp).filter((f) => f.startsWith('kiosk-chromium-'))).toHaveLength(1);
    // The page's token reached it over the DevTools pipe: in no command line, in no log.
    const window = descendants(shell.pid!);
    expect(window.some((p) => p.cmdline.includes('--remote-debugging-pipe'))).toBe(true);
    expect(window.filter((p) => /token=|#token|127\.0\.0\.1:\d+\//.test(p.cmdline))).toEqual([]);
    expect(lines.filter((l) => /token|KIOSK_URL/.test(l))).toEqual([]);
    // The window's Chromium policy was written (here to the test's directory), with the bridge's origin only.
    expect(JSON.parse(readFileSync(policyFile, 'utf8'))).toMatchObject({ DeveloperToolsAvailability: 2, URLAllowlist: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/)] });
    const mark = lines.length;
    const helpers = descendants(first).map((p) => p.pid);
    expect(helpers.length).toBeGreaterThan(0);
    process.kill(first, 'SIGKILL');
    await waitForLine(/^kiosk window exited \(SIGKILL\): relaunching in 1 s$/, mark);
    const second = pidOf(await waitForLine(/^kiosk window: .*\(pid \d+\)/, mark));
    expect(second).not.toBe(first);
    await waitForLine(/^kiosk page connected$/, mark);
    // The dead browser's zygote, renderers and GPU process went with it.
    await expect.poll(() => helpers.filter(alive), { timeout: 10_000 }).toEqual([]);
  });

  it('restarts the window when its page crashed and does not come back', async () => {
    const current = pidOf(lines.filter((l) => l.startsWith('kiosk window: ')).at(-1)!);
    const renderers = descendants(current).filter((p) => p.cmdline.includes('--type=renderer') && !p.cmdline.includes('--extension-process'));
    expect(renderers.length).toBeGreaterThan(0);
    const mark = lines.length;
    for (const r of renderers) process.kill(r.pid, 'SIGKILL');
    await waitForLine(/^kiosk page gone for 8 s: restarting the window$/, mark);
    const next = pidOf(await waitForLine(/^kiosk window: .*\(pid \d+\)/, mark));
    expect(next).not.toBe(current);
    await waitForLine(/^kiosk page connected$/, mark);
  });

  it('ends the kiosk and its window on SIGTERM', async () => {
    const current = pidOf(lines.filter((l) => l.startsWith('kiosk window: ')).at(-1)!);
    const window = [current, ...descendants(current).map((p) => p.pid)];
    const exited = new Promise<number | null>((resolve) => shell.once('exit', (code) => resolve(code)));
    shell.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect.poll(() => window.filter(alive), { timeout: 10_000 }).toEqual([]);
    expect(readdirSync(shellTmp).filter((f) => f.startsWith('kiosk-chromium-'))).toEqual([]); // every window's profile removed
    expect(existsSync(policyFile)).toBe(false); // and the policy, which binds every Chromium on the machine
  });
});
