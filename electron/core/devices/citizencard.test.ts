import { describe, expect, it } from 'vitest';
import { citizenCardDeviceStatus, createCitizenCardReader, createCitizenCardTerminal } from './citizencard.js';

describe('createCitizenCardReader', () => {
  it('builds a PC/SC terminal named after the configured reader', () => {
    expect(createCitizenCardTerminal({ transport: 'pcsc', reader: 'ACS ACR39U' }).location).toBe('PC/SC reader "ACS ACR39U"');
    expect(createCitizenCardTerminal({ transport: 'pcsc' }).location).toBe('PC/SC');
  });

  it('builds a serial terminal on the configured port, or on the simulator PTY for @simulator', () => {
    expect(createCitizenCardTerminal({ transport: 'serial', port: '/dev/ttyUSB1', baud: 9600 }).location).toBe('/dev/ttyUSB1');
    const sim = createCitizenCardTerminal({ transport: 'serial', port: '@simulator', baud: 115200 }, { simulatorDevicePath: '/tmp/pty-x/device' });
    expect(sim.location).toBe('/tmp/pty-x/device');
  });

  it('refuses @simulator without the simulator PTY path, saying how to get one', () => {
    expect(() => createCitizenCardReader({ transport: 'serial', port: '@simulator', baud: 115200 })).toThrow(/startCitizenCardSimulator/);
  });

  it('reports no-device with a message that says what to do when the port does not exist', async () => {
    const reader = createCitizenCardReader({ transport: 'serial', port: '/dev/does-not-exist-citizencard', baud: 115200 }, { reconnectMinMs: 10_000 });
    const seen = new Promise((resolve) => reader.onStatus(resolve));
    expect(reader.status()).toMatchObject({ device: 'citizencard', state: 'no-device' });
    await reader.start();
    expect(await seen).toMatchObject({ state: 'no-device', code: 'reader-unavailable', port: '/dev/does-not-exist-citizencard' });
    expect(reader.status().message).toMatch(/cannot be opened .*check the cable/);
    await reader.stop();
  });
});

describe('citizenCardDeviceStatus (the driver speaks its own states; the core maps them)', () => {
  it('maps each driver state to what the status bar shows', () => {
    const base = { message: 'm', port: 'PC/SC', at: 5 };
    expect(citizenCardDeviceStatus({ ...base, state: 'ready' })).toEqual({ device: 'citizencard', state: 'ready', ...base });
    expect(citizenCardDeviceStatus({ ...base, state: 'not-started' })).toMatchObject({ state: 'no-device', code: 'not-started' });
    expect(citizenCardDeviceStatus({ ...base, state: 'no-reader', reason: 'reader-unavailable' })).toMatchObject({ state: 'no-device', code: 'reader-unavailable' });
    expect(citizenCardDeviceStatus({ ...base, state: 'reconnecting', reason: 'reader-timeout' })).toMatchObject({ state: 'reconnecting', code: 'reader-timeout' });
    expect(citizenCardDeviceStatus({ ...base, state: 'reader-fault', reason: 'reader-error' })).toMatchObject({ state: 'fault', code: 'reader-error' });
  });
});
