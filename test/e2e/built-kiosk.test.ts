/**
 * The production start: `npm run build`'s browser-shell bundle, started exactly as the
 * systemd unit starts it, with plain node (no tsx, no vite), finds its data files
 * (migrations, catalog) from dist/node/, says when it is ready and serves the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);
const unit = readFileSync('assets/systemd/hall-kiosk.service', 'utf8');
const execStart = /^ExecStart=(.*)$/m.exec(unit)![1]!.split(' ');

describe('the built browser shell, started as the systemd unit starts it', () => {
  let kiosk: ChildProcess;
  const lines: string[] = [];
  /** The first output line matching, or a failure with the kiosk's output if it exits first. */
  const line = async (pattern: RegExp) => {
    await expect
      .poll(() => {
        if (kiosk.exitCode !== null) throw new Error(`the kiosk exited (${kiosk.exitCode}):\n${lines.join('\n')}`);
        return lines.some((l) => pattern.test(l));
      }, { timeout: 60_000, interval: 50 })
      .toBe(true);
    return lines.find((l) => pattern.test(l))!;
  };

  beforeAll(async () => {
    await run(process.execPath, ['scripts/build.mjs', '--stale', 'renderer', 'node'], { timeout: 180_000 });
    const dir = mkdtempSync(path.join(tmpdir(), 'built-kiosk-'));
    const config = path.join(dir, 'kiosk.config.json');
    // The demo config (simulators), with its data in a fresh directory.
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync('kiosk.config.json', 'utf8')), dataDir: dir }));
    const [, entry, ...args] = execStart;
    kiosk = spawn(process.execPath, [entry!, ...args, '--no-browser'], {
      env: { ...process.env, KIOSK_CONFIG: config },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: kiosk.stdout! }).on('line', (l) => lines.push(l));
    createInterface({ input: kiosk.stderr! }).on('line', (l) => lines.push(l));
  }, 240_000);

  afterAll(() => {
    if (kiosk && kiosk.exitCode === null) kiosk.kill('SIGKILL');
  });

  it('runs a bundle that contains no TypeScript loader or build tool', () => {
    const inputs = JSON.parse(readFileSync('dist/node/browser-shell.inputs.json', 'utf8')) as string[];
    expect(inputs).toContain('electron/browser-shell/main.ts');
    expect(inputs.filter((f) => /node_modules\/(tsx|vite|esbuild)\//.test(f))).toEqual([]);
  });

  it('reads neither the fleet client (mqtt) nor the TLS client (undici) before it starts: those load when first used', () => {
    const startup = JSON.parse(readFileSync('dist/node/browser-shell.startup-inputs.json', 'utf8')) as string[];
    const all = JSON.parse(readFileSync('dist/node/browser-shell.inputs.json', 'utf8')) as string[];
    const lazy = /node_modules\/(mqtt|mqtt-packet|undici)\/|electron\/core\/fleet\/fleet-link\.ts/;
    expect(startup).toContain('electron/browser-shell/main.ts');
    expect(startup.filter((f) => lazy.test(f))).toEqual([]);
    // They are in the build, in chunks of their own.
    expect(all.filter((f) => lazy.test(f)).length).toBeGreaterThan(10);
  });

  it("carries zod's English locale only, and no iconv-lite code tables: the GB encoder loads at its first use", () => {
    const all = JSON.parse(readFileSync('dist/node/browser-shell.inputs.json', 'utf8')) as string[];
    expect(all.filter((f) => f.startsWith('node_modules/zod/v4/locales/'))).toEqual(['node_modules/zod/v4/locales/en.js']);
    expect(all).toContain('native/text/gb-text.ts');
    expect(all.filter((f) => f.startsWith('node_modules/iconv-lite/'))).toEqual([]);
  });

  it('prints a readiness line with the core and bridge timings, then serves the page', async () => {
    const ready = await line(/^ready loaded=\d+ms core=\d+ms bridge=\d+ms cpu=\d+ms$/);
    const [loaded, core, bridge] = [...ready.matchAll(/=(\d+)ms/g)].map((m) => Number(m[1]));
    // The bridge listens (and the window may load the page) while the core starts.
    expect(bridge).toBeGreaterThanOrEqual(loaded!);
    expect(core).toBeGreaterThanOrEqual(bridge!);
    const url = new URL((await line(/^KIOSK_URL=/)).slice('KIOSK_URL='.length));
    const page = await fetch(new URL('/', url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('stops cleanly on SIGTERM, as systemd stops it', async () => {
    const exited = new Promise<number | null>((resolve) => kiosk.once('exit', (code) => resolve(code)));
    kiosk.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
