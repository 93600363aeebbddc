/**
 * The core adapter: DeviceStatus mapping and CardReadEvent shape, over the HID
 * transport with an in-memory reader (the serial path runs in test/e2e/idcard.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../common/device-status.js';
import type { CardReadEvent } from '../../common/identity.js';
import { InMemoryHidReader } from '../../../native/idcard/in-memory-hid.js';
import { createIdCardReader, defaultReadTimeoutMs, toDeviceStatus } from './idcard.js';
import type { CardReaderDevice } from './types.js';
import { until } from '../../../test/support/until.js';

describe('toDeviceStatus', () => {
  it.each([
    ['ready', 'ready', undefined],
    ['sam-fault', 'fault', 'sam-fault'],
    ['reconnecting', 'reconnecting', 'lost'],
    ['no-device', 'no-device', 'not-answering'],
    ['connecting', 'no-device', 'connecting'],
    ['stopped', 'disabled', 'stopped'],
  ] as const)('driver %s → %s (%s)', (driverState, state, code) => {
    const s = toDeviceStatus({ state: driverState, message: 'm', port: '/dev/ttyUSB0' }, '/dev/ttyUSB0', 5);
    expect(s).toEqual({ device: 'idcard', state, message: 'm', port: '/dev/ttyUSB0', at: 5, ...(code ? { code } : {}) });
  });
});

describe('defaultReadTimeoutMs', () => {
  it('grows for slow links and never drops under 3 s', () => {
    expect(defaultReadTimeoutMs({ transport: 'serial', port: '/dev/ttyUSB0', baud: 115200 })).toBe(3000);
    expect(defaultReadTimeoutMs({ transport: 'serial', port: '/dev/ttyUSB0', baud: 9600 })).toBe(3750);
  });
});

describe('createIdCardReader', () => {
  let reader: CardReaderDevice | undefined;
  afterEach(async () => reader?.stop());

  it('reports ready, delivers a CardReadEvent from the idcard source, and the removal', async () => {
    const device = new InMemoryHidReader();
    reader = createIdCardReader(
      { transport: 'hid', vendorId: 0x10c4, productId: 0x0007 },
      { pollIntervalMs: 5, hidOpener: () => Promise.resolve(device) },
    );
    const statuses: DeviceStatus[] = [];
    const cards: CardReadEvent[] = [];
    let removed = 0;
    reader.onStatus((s) => statuses.push(s));
    reader.onCard((e) => cards.push(e));
    reader.onCardRemoved(() => removed++);
    await reader.start();
    await until(() => reader!.status().state === 'ready', 'ready');
    expect(reader.status()).toMatchObject({ device: 'idcard', port: 'hid 10c4:0007' });
    device.cardOnReader = true;
    await until(() => cards.length === 1, 'card');
    expect(cards[0]).toMatchObject({ source: 'idcard', identity: { name: '张三', cardType: 'resident' } });
    expect(cards[0]!.photo).toHaveLength(1024);
    device.cardOnReader = false;
    await until(() => removed === 1, 'removal');
    await reader.stop();
    expect(reader.status().state).toBe('disabled');
  });
});
