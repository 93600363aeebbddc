import { describe, expect, it } from 'vitest';
import { toDriverDeviceStatus } from './driver-status.js';

type TestState = 'connecting' | 'ready' | 'reconnecting' | 'stopped' | 'jammed';
const own = { jammed: { state: 'fault', code: 'jammed' } } as const;

describe('toDriverDeviceStatus', () => {
  it.each([
    ['ready', { state: 'ready' }],
    ['reconnecting', { state: 'reconnecting', code: 'lost' }],
    ['connecting', { state: 'no-device', code: 'connecting' }],
    ['stopped', { state: 'disabled', code: 'stopped' }],
  ] as const)('maps the base state %s alike for every driver', (driverState, mapped) => {
    const s = toDriverDeviceStatus<TestState>('scanner', { state: driverState, message: 'm', port: '/dev/ttyACM0' }, own, '/dev/x', 7);
    expect(s).toEqual({ device: 'scanner', message: 'm', port: '/dev/ttyACM0', at: 7, ...mapped });
  });

  it("maps a driver's own state as the driver says", () => {
    const s = toDriverDeviceStatus<TestState>('idcard', { state: 'jammed', message: 'm', port: '/dev/ttyUSB0' }, own, '/dev/x', 7);
    expect(s).toEqual({ device: 'idcard', state: 'fault', code: 'jammed', message: 'm', port: '/dev/ttyUSB0', at: 7 });
  });

  it('names the configured port while the driver has found none', () => {
    const s = toDriverDeviceStatus<TestState>('idcard', { state: 'connecting', message: 'm', port: '' }, own, 'hid:1234:5678', 7);
    expect(s.port).toBe('hid:1234:5678');
  });

  it('a ready status carries no code', () => {
    const s = toDriverDeviceStatus<TestState>('scanner', { state: 'ready', message: 'm', port: 'p' }, own, 'p', 7);
    expect(s).not.toHaveProperty('code');
  });
});
