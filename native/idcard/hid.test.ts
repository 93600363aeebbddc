/**
 * HID wrapping against an in-memory reader: hand-computed report bytes, then the
 * whole driver over HidTransport (only node-hid's handle is replaced).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IdCardDriver, type DriverStatus, type IdCardRead } from './driver.js';
import { HidTransport } from './hid-transport.js';
import { InMemoryHidReader } from './in-memory-hid.js';
import { HidReplyReassembler, nodeHidWritePayload, splitHidReply, unwrapHidRequest, wrapHidRequest } from './hid-wrap.js';
import { hex, readReply, REQUESTS, RESIDENT_ZHANG, textBlock } from './test-vectors.js';
import { until } from '../../test/support/until.js';

describe('HID report wrapping', () => {
  it('wraps find-card as 88 | SRN | LEN | B1 | frame | additive sum, padded to 64', () => {
    const report = wrapHidRequest(hex(REQUESTS.findCard), 1);
    // sum of bytes from index 3: 0B+00+01+AA+AA+AA+96+69+00+03+20+01+22 = 0x034F
    const expected = new Uint8Array(64);
    expected.set(hex(`88 01 00 0B 00 01 ${REQUESTS.findCard} 4F 03`));
    expect(report).toEqual(expected);
    const written = nodeHidWritePayload(report);
    expect(written).toHaveLength(65);
    expect(written[0]).toBe(0x00);
    expect(written.slice(1)).toEqual(Array.from(expected));
  });
  it('unwraps its own report and refuses a corrupted one', () => {
    const report = wrapHidRequest(hex(REQUESTS.samStatus), 0x1234);
    expect(unwrapHidRequest(report)).toMatchObject({ ok: true, srn: 0x1234, samFrame: hex(REQUESTS.samStatus) });
    report[8] = report[8]! ^ 1;
    expect(unwrapHidRequest(report)).toMatchObject({ ok: false });
  });
  it('reassembles a 1295-byte reply from 54-byte report payloads, ignoring padding', () => {
    const frame = readReply(textBlock(RESIDENT_ZHANG));
    const reports = splitHidReply(frame);
    expect(reports).toHaveLength(Math.ceil(1295 / 54));
    expect(reports[0]![0]).toBe(0xaa);
    expect(Array.from(reports[0]!.subarray(10, 15))).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
    const r = new HidReplyReassembler();
    const out = reports.map((rep, i) => r.push(rep, i)).filter((x) => x !== undefined);
    expect(out).toEqual([frame]);
    expect(r.push(new Uint8Array(64), 100)).toBeUndefined(); // stray report without AA
    expect(r.dropped).toBe(1);
  });

  /** A reply report that opens a frame announcing LEN = `len` (hi, lo as the SAM header has it). */
  const opening = (len: number) => {
    const report = new Uint8Array(64);
    report[0] = 0xaa;
    report.set([0xaa, 0xaa, 0xaa, 0x96, 0x69, len >> 8, len & 0xff, 0x00, 0x00, 0x90], 10);
    return report;
  };

  it('refuses a hostile LEN above the protocol maximum without allocating for it', () => {
    const r = new HidReplyReassembler();
    expect(r.maxLen).toBe(4096);
    for (const len of [0xffff, 0x8000, 4097]) {
      expect(r.push(opening(len), 0)).toBeUndefined();
      expect(r.buffered).toBe(0); // nothing opened: the next reports are not taken as its body
    }
    expect(r.push(opening(2), 0)).toBeUndefined(); // shorter than SW1 SW2 SW3 CHK
    expect(r.dropped).toBe(4);
    // A real reply right after is still assembled.
    const frame = readReply(textBlock(RESIDENT_ZHANG));
    expect(splitHidReply(frame).map((rep) => r.push(rep, 1)).filter((x) => x !== undefined)).toEqual([frame]);
  });

  it('drops (and zeroes) a partial frame whose rest does not come in time', () => {
    const r = new HidReplyReassembler({ interReportTimeoutMs: 500 });
    const frame = readReply(textBlock(RESIDENT_ZHANG));
    const reports = splitHidReply(frame);
    for (const rep of reports.slice(0, 10)) r.push(rep, 0);
    expect(r.buffered).toBe(540);
    // The reader went quiet; a new reply's reports are not appended to the stale one.
    const out = reports.map((rep) => r.push(rep, 600)).filter((x) => x !== undefined);
    expect(r.expired).toBe(1);
    expect(out).toEqual([frame]);
    for (const rep of reports.slice(0, 3)) r.push(rep, 700);
    r.reset();
    expect(r.buffered).toBe(0);
  });
});

describe('driver over HID with an in-memory reader', () => {
  let driver: IdCardDriver | undefined;
  afterEach(async () => driver?.stop());

  it('reads one card per presentation, sees removal, and reconnects after an unplug', async () => {
    const devices: InMemoryHidReader[] = [];
    let present = true;
    driver = new IdCardDriver({
      pollIntervalMs: 5,
      commandTimeoutMs: 200,
      reconnectMinMs: 10,
      transport: () =>
        new HidTransport({ vendorId: 0x10c4, productId: 0x0007 }, async () => {
          if (!present) throw new Error('no HID reader');
          const d = new InMemoryHidReader();
          devices.push(d);
          return d;
        }),
    });
    const cards: IdCardRead[] = [];
    const statuses: DriverStatus['state'][] = [];
    let removed = 0;
    driver.on('card', (c) => cards.push(c));
    driver.on('removed', () => removed++);
    driver.on('status', (s) => statuses.push(s.state));
    driver.start();
    await until(() => statuses.includes('ready'), 'ready');
    const reader = devices[0]!;
    expect(reader.writes[0]!.slice(1, 2)).toEqual([0x88]);
    reader.cardOnReader = true;
    await until(() => cards.length === 1, 'first card');
    expect(cards[0]!.identity).toMatchObject({ name: '张三', idNumber: '330106198503151238', idNumberValid: true });
    expect(cards[0]!.photo).toHaveLength(1024);
    // Left on the reader: polls go on, no second read.
    const writesAfterRead = reader.writes.length;
    await until(() => reader.writes.length > writesAfterRead + 10, 'more polls');
    expect(cards).toHaveLength(1);
    reader.cardOnReader = false;
    await until(() => removed === 1, 'removal');
    present = false;
    reader.unplug();
    await until(() => statuses.includes('reconnecting'), 'reconnecting');
    present = true;
    await until(() => devices.length === 2 && statuses.lastIndexOf('ready') > statuses.indexOf('reconnecting'), 'ready again');
    expect(reader.closed).toBe(true);
  });
});

describe('HID unplug detected on write', () => {
  let driver: IdCardDriver | undefined;
  afterEach(async () => driver?.stop());

  it('treats a write that throws (device gone) as lost and reconnects', async () => {
    const devices: InMemoryHidReader[] = [];
    const statuses: DriverStatus['state'][] = [];
    const messages: string[] = [];
    driver = new IdCardDriver({
      pollIntervalMs: 5,
      commandTimeoutMs: 1000,
      reconnectMinMs: 10,
      transport: () =>
        new HidTransport({ vendorId: 0x10c4, productId: 0x0007 }, () => {
          const d = new InMemoryHidReader();
          devices.push(d);
          return Promise.resolve(d);
        }),
    });
    driver.on('status', (s) => {
      statuses.push(s.state);
      messages.push(s.message);
    });
    driver.start();
    await until(() => statuses.includes('ready'), 'ready');
    devices[0]!.gone = true;
    await until(() => statuses.includes('reconnecting'), 'reconnecting');
    expect(messages[statuses.indexOf('reconnecting')]).toContain('disconnected');
    await until(() => devices.length === 2 && statuses.at(-1) === 'ready', 'ready again');
  });
});
