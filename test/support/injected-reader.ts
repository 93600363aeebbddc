/**
 * A card reader whose cards are handed to it in-process: for unit tests of the core and
 * for the soak benchmark, where a reader's poll interval would only add waiting. Every
 * test of the real readers goes through their simulators on PTYs / PC/SC instead.
 */
import { TypedEmitter } from '../../electron/common/emitter.js';
import type { DeviceStatus } from '../../electron/common/device-status.js';
import type { CardReadEvent, Identity } from '../../electron/common/identity.js';
import type { CardReaderDevice } from '../../electron/core/devices/types.js';

export class InjectedCardReader implements CardReaderDevice {
  private readonly events = new TypedEmitter<{ card: CardReadEvent; removed: undefined; status: DeviceStatus; error: Error }>();
  private current: DeviceStatus;

  constructor(private readonly device: 'idcard' | 'citizencard' = 'idcard') {
    this.current = { device, state: 'no-device', message: 'not started', at: Date.now() };
  }

  async start(): Promise<void> {
    this.setStatus({ device: this.device, state: 'ready', message: 'injected reader ready', at: Date.now() });
  }
  async stop(): Promise<void> {}
  status(): DeviceStatus {
    return this.current;
  }
  onStatus(listener: (s: DeviceStatus) => void) {
    return this.events.on('status', listener);
  }
  onCard(listener: (e: CardReadEvent) => void) {
    return this.events.on('card', listener);
  }
  onCardRemoved(listener: () => void) {
    return this.events.on('removed', () => listener());
  }
  onCardError(listener: (e: Error) => void) {
    return this.events.on('error', listener);
  }

  present(identity: Identity): void {
    this.events.emit('card', { source: this.device, identity, readAt: Date.now() });
  }
  remove(): void {
    this.events.emit('removed', undefined);
  }
  fail(error: Error): void {
    this.events.emit('error', error);
  }
  setStatus(status: DeviceStatus): void {
    this.current = status;
    this.events.emit('status', status);
  }
}

/** A resident identity for in-process tests (valid GB 11643 check digit). */
export function residentIdentity(overrides: Partial<Identity> = {}): Identity {
  return {
    cardType: 'resident',
    name: '王小明',
    sex: 'male',
    nation: '汉',
    birthDate: '1950-03-07',
    address: '浙江省杭州市上城区解放路1号',
    idNumber: '330102195003071232',
    idNumberValid: true,
    issuer: '杭州市公安局上城分局',
    validFrom: '2015-01-01',
    validTo: 'long-term',
    extra: {},
    ...overrides,
  };
}
