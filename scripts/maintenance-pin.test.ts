import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseKioskConfig } from '../electron/common/config.js';
import { DEMO_MAINTENANCE_PIN, verifyMaintenancePin } from '../electron/core/maintenance/pin.js';

const SCRIPT = fileURLToPath(new URL('./maintenance-pin.ts', import.meta.url));
const run = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { input, encoding: 'utf8' });

describe('npm run -s maintenance-pin', () => {
  it('prints a config fragment whose hash verifies the PIN read from standard input', async () => {
    const out = run([], '135790\n');
    expect(out.status).toBe(0);
    const fragment = JSON.parse(out.stdout) as { maintenance: { pinHash: string } };
    expect(await verifyMaintenancePin('135790', fragment.maintenance.pinHash)).toBe(true);
    // The config accepts exactly what the script prints.
    expect(parseKioskConfig({ kioskId: 'K1', hall: { name: 'h', regionCode: '330102' }, devices: { idcard: null, citizencard: null, printer: null }, central: { url: 'embedded' }, ...fragment }).maintenance)
      .toEqual(fragment.maintenance);
  });

  it('the demo kiosk.config.json has the demo PIN the README names', async () => {
    const demo = parseKioskConfig(JSON.parse(readFileSync(new URL('../kiosk.config.json', import.meta.url), 'utf8')));
    expect(await verifyMaintenancePin(DEMO_MAINTENANCE_PIN, demo.maintenance.pinHash!)).toBe(true);
  });

  it('refuses a PIN that is not 6-12 digits, a 4- or 5-digit one too', () => {
    for (const pin of ['12ab56', '2468', '24680', '1234567890123']) {
      const out = run([pin]);
      expect(out.status, pin).toBe(2);
      expect(out.stderr).toContain('6 to 12 digits');
      expect(out.stdout).toBe('');
    }
  });

  it('hashes at the raised scrypt cost and names it in the hash', () => {
    const out = run(['135790']);
    expect(out.status).toBe(0);
    expect((JSON.parse(out.stdout) as { maintenance: { pinHash: string } }).maintenance.pinHash).toMatch(/^scrypt\$131072\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  });
});
