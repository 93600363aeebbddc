/**
 * The framed citizen-card reader over HID: report framing from written byte vectors,
 * then whole cards read through the core's reader against an in-memory HID device.
 */
import { describe, expect, it } from 'vitest';
import { hidReportBytes, hidWriteReports } from './hid-link.js';
import { createCitizenCardReader } from '../../electron/core/devices/citizencard.js';
import { createInMemoryHidCardReader } from '../../scripts/sim/citizencard/hid-reader.js';
import type { CardReadEvent } from '../../electron/common/identity.js';
import type { DeviceStatus } from '../../electron/common/device-status.js';

describe('HID report framing', () => {
  it('prefixes the report id 00 and a byte count, and pads to 64 bytes', () => {
    const [report, ...rest] = hidWriteReports(Uint8Array.from([0x02, 0x00, 0x01, 0x11, 0x10, 0x03]));
    expect(rest).toEqual([]);
    expect(report).toHaveLength(65);
    expect(report!.slice(0, 8)).toEqual([0x00, 0x06, 0x02, 0x00, 0x01, 0x11, 0x10, 0x03]);
    expect(report!.slice(8).every((b) => b === 0)).toBe(true);
  });

  it('splits a long stream into 63-byte pieces', () => {
    const bytes = Uint8Array.from({ length: 130 }, (_, i) => i);
    const reports = hidWriteReports(bytes);
    expect(reports.map((r) => r[1])).toEqual([63, 63, 4]);
    expect(reports[1]![2]).toBe(63);
    expect(reports[2]!.slice(2, 6)).toEqual([126, 127, 128, 129]);
  });

  it('takes only the counted bytes of an input report, clamping a lying count', () => {
    const report = new Uint8Array(64);
    report.set([0x03, 0xaa, 0xbb, 0xcc, 0xdd]);
    expect([...hidReportBytes(report)]).toEqual([0xaa, 0xbb, 0xcc]);
    report[0] = 0xff;
    expect(hidReportBytes(report)).toHaveLength(63);
    expect(hidReportBytes(new Uint8Array(0))).toHaveLength(0);
  });
});

describe('citizen card over an HID framed reader', () => {
  it('reads a card, sees it leave, reads the next, and recovers from an unplug', async () => {
    const device = createInMemoryHidCardReader();
    const reader = createCitizenCardReader({ transport: 'hid', vendorId: 0x1234, productId: 0x5678 }, { hidOpener: device.opener, pollMs: 20, reconnectMinMs: 20, reconnectMaxMs: 50 });
    const cards: CardReadEvent[] = [];
    const statuses: DeviceStatus[] = [];
    let removed = 0;
    reader.onCard((e) => cards.push(e));
    reader.onCardRemoved(() => (removed += 1));
    reader.onStatus((s) => statuses.push(s));
    await reader.start();
    try {
      await expect.poll(() => reader.status().state).toBe('ready');
      expect(reader.status().port).toBe('hid 1234:5678');
      await device.controls.handleControl({ command: 'insert', args: { card: 'zhang-wei' } });
      await expect.poll(() => cards.length).toBe(1);
      expect(cards[0]!.identity).toMatchObject({ cardType: 'social-security', idNumberValid: true });
      expect(device.written.every((r) => r.length === 65 && r[0] === 0)).toBe(true);
      await device.controls.handleControl({ command: 'remove' });
      await expect.poll(() => removed).toBe(1);
      await device.controls.handleControl({ command: 'insert', args: { card: 'ma-li' } });
      await expect.poll(() => cards.length).toBe(2);
      expect(cards[1]!.identity.name).not.toBe(cards[0]!.identity.name);

      await device.controls.handleControl({ command: 'unplug' });
      await expect.poll(() => statuses.some((s) => s.state === 'reconnecting' || s.state === 'no-device')).toBe(true);
      await device.controls.handleControl({ command: 'replug' });
      await expect.poll(() => reader.status().state, { timeout: 5000 }).toBe('ready');
    } finally {
      await reader.stop();
    }
  });
});
