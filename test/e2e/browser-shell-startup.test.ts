/**
 * The browser shell's own entry point (electron/browser-shell/main.ts under tsx) at
 * start-up: a production config only fit for a demo is refused naming each key, a config
 * without central.url is refused, and the demo config starts the simulators through the
 * demo composition, saying so in the same lines as the Electron shell
 * (test/e2e/electron-bundle.test.ts).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MAIN = path.resolve('electron/browser-shell/main.ts');
const NO_DEVICES = { idcard: null, citizencard: null, printer: null };
const shellEnv = { ...process.env, KIOSK_CENTRAL_TOKEN: '', KIOSK_ID_HASH_KEY: '' };

function configFile(config: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shell-startup-'));
  const file = path.join(dir, 'kiosk.config.json');
  writeFileSync(file, JSON.stringify({ kioskId: 'BS-K01', hall: { name: '浏览器壳测试大厅', regionCode: '330102' }, dataDir: path.join(dir, 'var'), ...config }));
  return file;
}

/** Runs the shell to its exit (a refusal), with its exit code and standard error. */
async function refusal(config: object): Promise<{ code: number; stderr: string }> {
  const error = await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, '--config', configFile(config), '--no-browser'], { env: shellEnv, timeout: 60_000 })
    .then(() => null, (err: unknown) => err as { code: number; stderr: string });
  if (!error) throw new Error('the shell started where it should have refused');
  return { code: error.code, stderr: error.stderr };
}

describe('browser shell start-up', () => {
  it('refuses a production config only fit for a demo, naming each key and what to do', async () => {
    const { code, stderr } = await refusal({ devices: NO_DEVICES, central: { url: 'http://central.example.gov.cn/api/' } });
    expect(code).toBe(1);
    expect(stderr).toContain('a production config (it names no simulator)');
    expect(stderr).toMatch(/- central\.url: .*use the central API's https:\/\/ address/);
    expect(stderr).toMatch(/- central\.token: .*KIOSK_CENTRAL_TOKEN/);
    expect(stderr).toMatch(/- KIOSK_ID_HASH_KEY: .*provision the hall's key/);
  });

  it('refuses a config that leaves out central.url and a device', async () => {
    const { code, stderr } = await refusal({ devices: { idcard: null, citizencard: null }, central: {} });
    expect(code).toBe(1);
    expect(stderr).toMatch(/devices\.printer: missing/);
    expect(stderr).toMatch(/central\.url: missing/);
  });

  it('starts the demo config on the embedded central simulator and says it is a demo', async () => {
    const shell = spawn(process.execPath, ['--import', 'tsx', MAIN, '--config', configFile({ devices: NO_DEVICES, central: { url: 'embedded' } }), '--no-browser'], {
      env: shellEnv, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    createInterface({ input: shell.stdout }).on('line', (l) => lines.push(l));
    try {
      // The address comes as soon as the bridge listens; the start-up lines once the core is ready.
      await expect.poll(() => lines.some((l) => l.startsWith('ready ')), { timeout: 60_000, interval: 100 }).toBe(true);
      expect(lines.findIndex((l) => l.startsWith('KIOSK_URL='))).toBeLessThan(lines.findIndex((l) => l.startsWith('ready ')));
      expect(lines).toContain('WARNING: DEMO MODE: central.url run on simulators; a hall kiosk names its real devices and central API (README "Demo and production configuration")');
      expect(lines).toContainEqual(expect.stringMatching(/^central API: http:\/\/127\.0\.0\.1:\d+ \(embedded simulator\)$/));
    } finally {
      const exited = new Promise((resolve) => shell.once('exit', resolve));
      shell.kill('SIGTERM');
      await exited;
    }
  });
});
