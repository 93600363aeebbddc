import { describe, expect, it } from 'vitest';
import { findTag, parseTlv, TlvError } from './tlv.js';

const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => Number.parseInt(b, 16)));

describe('TLV', () => {
  it('parses a card-number record 07 09 <9 bytes>', () => {
    const tlvs = parseTlv(hex('07 09 41 30 31 32 33 34 35 36 37'));
    expect(tlvs).toHaveLength(1);
    expect(tlvs[0]?.tag).toBe(0x07);
    expect(Buffer.from(tlvs[0]!.value).toString('ascii')).toBe('A01234567');
  });
  it('parses several objects and skips 00 / FF padding between them', () => {
    const tlvs = parseTlv(hex('05 04 20 20 01 15 00 FF 06 04 20 30 01 15'));
    expect(tlvs.map((t) => t.tag)).toEqual([0x05, 0x06]);
    expect(findTag(tlvs, 0x06)).toEqual(hex('20 30 01 15'));
    expect(findTag(tlvs, 0x07)).toBeUndefined();
  });
  it('parses multi-byte tags and long lengths (81 xx, 82 xx xx)', () => {
    const long = new Uint8Array(3 + 0x90).fill(0x41);
    long.set(hex('5F 20 81'), 0);
    long[3] = 0x8d;
    const tlvs = parseTlv(long.subarray(0, 4 + 0x8d));
    expect(tlvs[0]?.tag).toBe(0x5f20);
    expect(tlvs[0]?.value.length).toBe(0x8d);
    const two = parseTlv(Uint8Array.from([0x84, 0x82, 0x01, 0x00, ...new Uint8Array(256)]));
    expect(two[0]?.value.length).toBe(256);
  });
  it('parses a nested FCI by value (6F { 84 AID })', () => {
    const outer = parseTlv(hex('6F 05 84 03 A0 00 01'));
    expect(parseTlv(outer[0]!.value)[0]).toEqual({ tag: 0x84, value: hex('A0 00 01') });
  });
  it('throws TlvError on truncated objects', () => {
    expect(() => parseTlv(hex('07 09 41 30'))).toThrow(TlvError);
    expect(() => parseTlv(hex('07'))).toThrow(/no length/);
    expect(() => parseTlv(hex('5F'))).toThrow(/cut off/);
    expect(() => parseTlv(hex('07 81'))).toThrow(/cut off/);
    expect(() => parseTlv(hex('07 85 01'))).toThrow(/unsupported length/);
  });
});
