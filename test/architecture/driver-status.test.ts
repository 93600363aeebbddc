/**
 * One convention for driver status: every driver under native/ reports its own typed
 * states, and only electron/core/devices/* turns them into the UI's DeviceStatus. A
 * driver that imports DeviceStatus breaks the convention.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.ts$/.test(e.name) && !/\.test(-support)?\.ts$/.test(e.name) ? [path] : [];
  });
}

describe('driver status convention', () => {
  it('no driver under native/ builds the UI DeviceStatus itself', () => {
    const offenders = sources('native').filter((file) => /device-status(\.js)?['"]/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('each device adapter in the core maps its driver to DeviceStatus', () => {
    for (const adapter of ['idcard', 'citizencard', 'printer', 'scanner']) {
      const text = readFileSync(join(ROOT, 'electron/core/devices', `${adapter}.ts`), 'utf8');
      expect(text, adapter).toMatch(/DeviceStatus\b/);
    }
  });
});
