/**
 * Electron's binary cannot be downloaded here, so the bundled main process
 * (dist-electron/main.cjs, exactly what electron-builder packs) runs under plain Node
 * with a fake `electron` module: the real core starts with its simulators, the kiosk
 * window is created locked down, and the kiosk API answers through the IPC handlers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../electron/common/contract.js';

const run = promisify(execFile);

describe('bundled Electron main process', () => {
  let lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    await run(process.execPath, ['scripts/build-electron.mjs'], { timeout: 120_000 });
    const dir = mkdtempSync(path.join(tmpdir(), 'electron-bundle-'));
    const config = path.join(dir, 'kiosk.config.json');
    writeFileSync(config, JSON.stringify({ kioskId: 'EL-K01', hall: { name: '电子壳测试大厅', regionCode: '330102' }, devices: {}, central: {}, dataDir: dir }));
    const { stdout } = await run(process.execPath, ['-r', './test/support/fake-electron-main.cjs', 'dist-electron/main.cjs'], {
      timeout: 60_000,
      env: { ...process.env, KIOSK_CONFIG: config, FAKE_APP_PATH: process.cwd() },
    });
    lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  }, 180_000);

  const find = (event: string, method?: string) => lines.find((l) => l.event === event && (!method || l.method === method));

  it('opens one kiosk window with the lockdown options', () => {
    expect(find('window')).toMatchObject({ options: { kiosk: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } } });
    expect(find('window-open-handler')).toMatchObject({ action: 'deny' });
    expect(find('power-save-blocker')).toMatchObject({ type: 'prevent-display-sleep' });
    expect(String(find('load')?.file)).toMatch(/dist\/renderer\/index\.html$/);
  });

  it('registers every contract method and answers through IPC with the real core', () => {
    expect(find('handlers')).toMatchObject({ channels: METHOD_NAMES.map((m) => `kiosk:call:${m}`).sort() });
    expect(find('result', 'getKioskInfo')).toMatchObject({ outcome: { ok: true, value: { kioskId: 'EL-K01', shell: 'electron' } } });
    const matters = find('result', 'listMatters') as { outcome: { ok: boolean; value: unknown[] } };
    expect(matters.outcome.ok).toBe(true);
    expect(matters.outcome.value.length).toBeGreaterThanOrEqual(12);
    expect(find('result', 'takeTicket-without-session')).toMatchObject({ outcome: { ok: false, code: 'no-session' } });
  });

  it('forwards core events to the window', () => {
    expect(lines.some((l) => l.event === 'sent' && String(l.channel).startsWith('kiosk:event:'))).toBe(true);
  });
});
