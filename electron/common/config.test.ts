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
    expect(config.devices).toEqual({ idcard: null, citizencard: null, printer: null });
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

describe('service: opening hours and the daily restart', () => {
  it('takes weekly ranges, closed dates and a quiet time; absent, the kiosk is open all the time and never restarts', () => {
    const config = parseKioskConfig({ ...base, devices: real, central, service: { openingHours: { week: { mon: ['08:30-12:00', '13:30-17:30'] }, closedDates: ['2027-01-01'] }, dailyRestartAt: '03:30' } });
    expect(config.service.openingHours?.week.mon).toEqual(['08:30-12:00', '13:30-17:30']);
    expect(parseKioskConfig({ ...base, devices: real, central }).service).toEqual({ openingHours: null, dailyRestartAt: null });
  });

  it('names the bad key of a wrong range, a wrong weekday and a wrong quiet time', () => {
    const found = problems({ ...base, devices: real, central, service: { openingHours: { week: { mon: ['17:30-08:30'], funday: [] } }, dailyRestartAt: '3:30' } });
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^service\.openingHours\.week\.mon\.0: the range must close after it opens/),
      expect.stringMatching(/^service\.openingHours\.week: .*funday/),
      expect.stringMatching(/^service\.dailyRestartAt: a 24-hour wall time 'HH:MM'/),
    ]));
  });
});
