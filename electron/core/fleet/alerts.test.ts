import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../common/device-status.js';
import type { SyncStatus } from '../../common/contract.js';
import type { EventMessage } from '../../common/fleet/messages.js';
import { AlertWatch } from './alerts.js';

const printer = (state: DeviceStatus['state'], code?: string): DeviceStatus => ({ device: 'printer', state, message: 'm', at: 1, ...(code ? { code } : {}) });
const idcard = (state: DeviceStatus['state'], code?: string): DeviceStatus => ({ device: 'idcard', state, message: 'm', at: 1, ...(code ? { code } : {}) });
const sync = (patch: Partial<SyncStatus> = {}): SyncStatus => ({ online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true, ...patch });

function watch() {
  const events: EventMessage[] = [];
  const w = new AlertWatch('K-01', (e) => events.push(e), () => 42);
  w.baseline([printer('ready'), idcard('ready')], sync(), { inService: true, reason: 'open', opensAt: null, closesAt: null, dailyRestartAt: null });
  return { w, codes: () => events.map((e) => `${e.code}${e.device ? `:${e.device}` : ''}`), events };
}

describe('fleet alerts from status changes', () => {
  it('paper near end, out and back, once each', () => {
    const { w, codes, events } = watch();
    w.deviceStatus(printer('attention', 'paper-near-end'));
    w.deviceStatus(printer('attention', 'paper-near-end'));
    w.deviceStatus(printer('fault', 'paper-out'));
    w.deviceStatus(printer('ready'));
    expect(codes()).toEqual(['paper-near-end:printer', 'paper-out:printer', 'paper-ok:printer']);
    expect(events[0]).toEqual({ v: 1, kioskId: 'K-01', code: 'paper-near-end', level: 'warning', at: 42, device: 'printer', detail: 'paper-near-end' });
  });

  it('a reader lost and back; a fault that is not paper', () => {
    const { w, codes } = watch();
    w.deviceStatus(idcard('reconnecting', 'disconnected'));
    w.deviceStatus(idcard('no-device', 'absent'));
    w.deviceStatus(idcard('ready'));
    w.deviceStatus(idcard('fault', 'sam-fault'));
    expect(codes()).toEqual(['device-lost:idcard', 'device-back:idcard', 'device-fault:idcard']);
  });

  it('the store full and accepting again; a record quarantined', () => {
    const { w, codes } = watch();
    w.syncStatus(sync({ acceptingWrites: false }));
    w.syncStatus(sync({ acceptingWrites: false, pending: 3 }));
    w.syncStatus(sync({ acceptingWrites: true }));
    w.syncStatus(sync({ quarantined: 1 }));
    expect(codes()).toEqual(['store-full', 'store-accepting', 'record-quarantined']);
  });

  it('out of service and back in service', () => {
    const { w, codes } = watch();
    w.service({ inService: false, reason: 'out-of-service', opensAt: null, closesAt: null, dailyRestartAt: null });
    w.service({ inService: false, reason: 'out-of-service', opensAt: null, closesAt: null, dailyRestartAt: null });
    w.service({ inService: true, reason: 'open', opensAt: null, closesAt: null, dailyRestartAt: null });
    expect(codes()).toEqual(['out-of-service', 'in-service']);
  });
});
