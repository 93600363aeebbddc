import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKioskConfig } from './config-loader.js';
import { ConfigError } from '../common/config.js';

function write(content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
  const file = path.join(dir, 'kiosk.config.json');
  writeFileSync(file, content);
  return file;
}

describe('kiosk config', () => {
  it('loads the shipped demo config, which names its simulators', () => {
    const { config } = loadKioskConfig('kiosk.config.json');
    expect(config.devices.idcard).toEqual({ transport: 'serial', port: '@simulator', baud: 115200 });
    expect(config.central.url).toBe('embedded');
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('fills defaults for what is not a device or the central API', () => {
    const devices = { idcard: null, citizencard: null, printer: null };
    const file = write(JSON.stringify({ kioskId: 'K-2', hall: { name: '大厅', regionCode: '330106' }, devices, central: { url: 'https://c.example.gov.cn/' } }));
    const { config } = loadKioskConfig(file);
    expect(config.session.idleSeconds).toBe(90);
    expect(config.dataDir).toBe(path.join(path.dirname(file), 'var'));
  });

  it('resolves the central.tls files against the config file, like dataDir', () => {
    const file = write(JSON.stringify({
      kioskId: 'K-4', hall: { name: '大厅', regionCode: '330106' }, devices: { idcard: null, citizencard: null, printer: null },
      central: { url: 'https://c.example.gov.cn/', tls: { caFile: 'pki/ca.pem', certFile: './kiosk.crt', keyFile: '/etc/kiosk/kiosk.key' } },
    }));
    const dir = path.dirname(file);
    const { config } = loadKioskConfig(file, '/');
    expect(config.central.tls).toEqual({ caFile: path.join(dir, 'pki/ca.pem'), certFile: path.join(dir, 'kiosk.crt'), keyFile: '/etc/kiosk/kiosk.key' });
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
