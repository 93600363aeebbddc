import { describe, expect, it } from 'vitest';
import { ConfigError, isDemoConfig, parseKioskConfig, simulatedKeys } from './config.js';

const base = { kioskId: 'K-3', hall: { name: '大厅', regionCode: '330106' } };
const real = {
  idcard: { transport: 'serial', port: '/dev/ttyUSB0' },
  citizencard: { transport: 'pcsc' },
  printer: { transport: 'tcp', host: '10.1.2.3' },
};
const central = { url: 'https://central.example.gov.cn/api/' };

function problems(raw: unknown): string[] {
  try {
    parseKioskConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('devices and central API are named, never defaulted', () => {
  it('refuses a config that leaves out each device and central.url, naming every key', () => {
    const found = problems({ ...base, devices: {}, central: {} });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['central.url', 'devices.citizencard', 'devices.idcard', 'devices.printer']);
    expect(found.find((p) => p.startsWith('devices.printer'))).toMatch(/missing: name the ticket printer .*'@simulator' for the demo simulator, or null for none/);
    expect(found.find((p) => p.startsWith('central.url'))).toMatch(/missing: the central API's https:\/\/ URL, or 'embedded'/);
  });

  it('refuses a config without the devices or central object', () => {
    expect(problems({ ...base, central })).toEqual([expect.stringMatching(/^devices: missing/)]);
    expect(problems({ ...base, devices: real })).toEqual([expect.stringMatching(/^central: missing/)]);
  });

  it('takes null as "no such device"', () => {
    const config = parseKioskConfig({ ...base, devices: { idcard: null, citizencard: null, printer: null }, central });
    expect(config.devices).toEqual({ idcard: null, citizencard: null, printer: null, scanner: null });
  });

  it('reads a config from before the scanner as "no scanner", and checks a named one', () => {
    const scanner = { transport: 'serial', port: '/dev/ttyACM0', terminator: 'cr' };
    const config = parseKioskConfig({ ...base, devices: { ...real, scanner }, central });
    expect(config.devices.scanner).toEqual({ ...scanner, baud: 115200, repeatIgnoreMs: 3000 });
    expect(problems({ ...base, devices: { ...real, scanner: { ...scanner, terminator: 'nul' } }, central })).toEqual([expect.stringMatching(/^devices\.scanner\.terminator/)]);
    expect(parseKioskConfig({ ...base, devices: { ...real, scanner: { transport: 'hid', vendorId: 0x05e0, productId: 0x1200 } }, central }).devices.scanner).toMatchObject({ transport: 'hid', repeatIgnoreMs: 3000 });
  });

  it('accepts only an http(s) central URL', () => {
    expect(problems({ ...base, devices: real, central: { url: 'ftp://central.example.gov.cn/' } })).toEqual([expect.stringMatching(/^central\.url/)]);
    expect(problems({ ...base, devices: real, central: { url: 'http://127.0.0.1:8080/' } })).toEqual([]);
  });
});

describe('demo mode', () => {
  it('is exactly a config that names a simulator, and says which keys do', () => {
    const production = parseKioskConfig({ ...base, devices: real, central });
    expect(isDemoConfig(production)).toBe(false);
    expect(simulatedKeys(production)).toEqual([]);
    const printerSimulated = parseKioskConfig({ ...base, devices: { ...real, printer: { transport: 'serial', port: '@simulator' } }, central });
    expect(simulatedKeys(printerSimulated)).toEqual(['devices.printer']);
    const embedded = parseKioskConfig({ ...base, devices: { idcard: null, citizencard: null, printer: null }, central: { url: 'embedded' } });
    expect(simulatedKeys(embedded)).toEqual(['central.url']);
    expect(isDemoConfig(embedded)).toBe(true);
  });
});
