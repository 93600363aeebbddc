import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKioskConfig } from './config-loader.js';
import { ConfigError, parseKioskConfig, usesSimulators } from '../common/config.js';

function write(content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
  const file = path.join(dir, 'kiosk.config.json');
  writeFileSync(file, content);
  return file;
}

describe('kiosk config', () => {
  it('loads the shipped example with simulators by default', () => {
    const { config } = loadKioskConfig('kiosk.config.json');
    expect(config.devices.idcard).toEqual({ transport: 'serial', port: '@simulator', baud: 115200 });
    expect(config.central.url).toBe('embedded');
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('fills defaults for everything but the kiosk identity', () => {
    const file = write(JSON.stringify({ kioskId: 'K-2', hall: { name: '大厅', regionCode: '330106' }, devices: {}, central: {} }));
    const { config } = loadKioskConfig(file);
    expect(config.devices.printer).toMatchObject({ transport: 'serial', port: '@simulator', paper: 80 });
    expect(config.session.idleSeconds).toBe(90);
    expect(config.dataDir).toBe(path.join(path.dirname(file), 'var'));
  });

  it('names every bad field', () => {
    const file = write(
      JSON.stringify({
        kioskId: 'bad id!',
        hall: { name: '', regionCode: '33' },
        devices: { printer: { transport: 'usb' } },
        central: { url: 'not a url' },
        surprise: 1,
      }),
    );
    let error: ConfigError | undefined;
    try {
      loadKioskConfig(file);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.message;
    for (const field of ['kioskId', 'hall.name', 'hall.regionCode', 'devices.printer', 'central.url', '(top level)']) {
      expect(text, field).toContain(field);
    }
  });

  it('says when the file is not JSON or missing', () => {
    expect(() => loadKioskConfig(write('{ nope'))).toThrow(/not valid JSON/);
    expect(() => loadKioskConfig('/nonexistent/kiosk.json')).toThrow(/file not found/);
  });
});

describe('usesSimulators', () => {
  const base = { kioskId: 'K-3', hall: { name: '大厅', regionCode: '330106' } };
  it('is true for the defaults and false for a kiosk on real devices and a real central API', () => {
    expect(usesSimulators(parseKioskConfig({ ...base, devices: {}, central: {} }))).toBe(true);
    const real = parseKioskConfig({
      ...base,
      devices: {
        idcard: { transport: 'serial', port: '/dev/ttyUSB0' },
        citizencard: { transport: 'pcsc' },
        printer: { transport: 'tcp', host: '10.1.2.3' },
      },
      central: { url: 'https://central.example.gov.cn/api/' },
    });
    expect(usesSimulators(real)).toBe(false);
    expect(usesSimulators({ ...real, devices: { ...real.devices, printer: { transport: 'serial', port: '@simulator', baud: 115200, paper: 58 } } })).toBe(true);
  });
});
