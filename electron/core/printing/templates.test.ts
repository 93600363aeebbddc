import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EscPosEncoder } from '../../../native/printer/encoder.js';
import { PROFILE_58MM, PROFILE_80MM, type PrinterProfile } from '../../../native/printer/profiles.js';
import { encodeReceipt } from './receipt-template.js';
import { sampleReceipt, sampleTicket } from './samples.js';
import { encodeTicket } from './ticket-template.js';

const gb = (text: string) => new Uint8Array(iconv.encode(text, 'gb18030'));

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Splits the byte stream at LF and measures each printed line in dots from the bytes
 * themselves: GB18030 lead bytes ≥ 0x81 start a 24-dot glyph, ASCII is 12 dots, times
 * the GS ! width in force. Commands are skipped by their known lengths.
 */
function widestLineDots(bytes: Uint8Array): number {
  let widest = 0;
  let line = 0;
  let width = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    if (b === 0x0a) { widest = Math.max(widest, line); line = 0; i++; continue; }
    if (b === 0x1b) { i += bytes[i + 1] === 0x40 ? 2 : 3; continue; }
    if (b === 0x1c) { i += 2; continue; }
    if (b === 0x1d && bytes[i + 1] === 0x21) { width = ((bytes[i + 2] ?? 0) >> 4) + 1; i += 3; continue; }
    if (b === 0x1d && bytes[i + 1] === 0x28) { i += 5 + ((bytes[i + 3] ?? 0) | ((bytes[i + 4] ?? 0) << 8)); continue; }
    if (b === 0x1d) { i += 3; continue; }
    if (b >= 0x81) {
      line += 24 * width;
      i += (bytes[i + 1] ?? 0) >= 0x30 && (bytes[i + 1] ?? 0) <= 0x39 ? 4 : 2;
      continue;
    }
    line += 12 * width;
    i++;
  }
  return Math.max(widest, line);
}

describe.each<[string, PrinterProfile]>([['80 mm', PROFILE_80MM], ['58 mm', PROFILE_58MM]])('templates on %s paper', (_, profile) => {
  it('queue ticket: hall, number, matter, masked ID only, QR with the tracking link, partial cut', () => {
    const model = sampleTicket({ priority: 'green-channel' });
    const bytes = encodeTicket(model, profile);
    expect(contains(bytes, gb('西湖区政务服务中心'))).toBe(true);
    expect(contains(bytes, gb('A023'))).toBe(true);
    expect(contains(bytes, gb('【绿色通道】'))).toBe(true);
    expect(contains(bytes, gb('110***********002X'))).toBe(true);
    expect(contains(bytes, gb('11010519491231002X'))).toBe(false);
    const url = gb(model.trackingUrl);
    const n = url.length + 3;
    expect(contains(bytes, Uint8Array.of(0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30, ...url))).toBe(true);
    expect([...bytes.slice(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
    expect([...bytes.slice(-3)]).toEqual([0x1d, 0x56, 0x01]);
  });

  it('queue ticket: an estimated queue says so (约 …（估算）), a live one does not', () => {
    const flat = (bytes: Uint8Array) => bytes.filter((b) => b !== 0x0a && b !== 0x20);
    expect(contains(flat(encodeTicket(sampleTicket({ peopleAhead: 7, queueEstimated: true }), profile)), gb('约7人（估算）'))).toBe(true);
    const live = flat(encodeTicket(sampleTicket({ peopleAhead: 7 }), profile));
    expect(contains(live, gb('7人'))).toBe(true);
    expect(contains(live, gb('估算'))).toBe(false);
    expect(widestLineDots(encodeTicket(sampleTicket({ peopleAhead: 120, queueEstimated: true }), profile))).toBeLessThanOrEqual(profile.dotsPerLine);
  });

  it('no printed line is wider than the paper', () => {
    expect(widestLineDots(encodeTicket(sampleTicket({ priority: 'priority' }), profile))).toBeLessThanOrEqual(profile.dotsPerLine);
    expect(widestLineDots(encodeReceipt(sampleReceipt(), profile))).toBeLessThanOrEqual(profile.dotsPerLine);
  });

  it('receipt: each proof with its resolution, the commitment, both QR codes', () => {
    const model = sampleReceipt();
    // Lines wrap anywhere: drop LF and the ASCII-space indents (never part of a GB18030 character).
    const bytes = encodeReceipt(model, profile).filter((b) => b !== 0x0a && b !== 0x20);
    for (const text of ['户籍证明', '公安户籍库', '告知承诺制', '区人力社保局', '告知承诺内容', '后续步骤', '好差评']) {
      expect(contains(bytes, gb(text)), text).toBe(true);
    }
    expect(contains(bytes, gb(model.trackingUrl))).toBe(true);
    expect(contains(bytes, gb(model.evaluationUrl))).toBe(true);
    expect(contains(bytes, gb(model.idNumber ?? ''))).toBe(false);
  });
});

describe('widestLineDots (the measuring stick above)', () => {
  it('measures hand-made lines', () => {
    expect(widestLineDots(new EscPosEncoder().chinese().line('中文AB').encode())).toBe(24 * 2 + 12 * 2);
    expect(widestLineDots(new EscPosEncoder().size(4, 4).line('A023').encode())).toBe(4 * 12 * 4);
  });
});
