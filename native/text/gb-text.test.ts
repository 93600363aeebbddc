import { describe, expect, it } from 'vitest';
import { decodeGb, encodeGb } from './gb-text.js';

// Code points from the GB 18030-2005 and GBK tables.
describe('GB text', () => {
  it('encodes the two-byte range the same in GBK and GB18030', () => {
    expect([...encodeGb('张三', 'gbk')]).toEqual([0xd5, 0xc5, 0xc8, 0xfd]);
    expect([...encodeGb('中A', 'gb18030')]).toEqual([0xd6, 0xd0, 0x41]);
  });

  it('encodes a character outside GBK in four bytes in GB18030 only', () => {
    expect([...encodeGb('\u{20000}', 'gb18030')]).toEqual([0x95, 0x32, 0x82, 0x36]);
    expect([...encodeGb('\u{20000}', 'gbk')]).toEqual([0x3f]);
  });

  it('decodes GBK and GB18030 with one decoder; an invalid sequence becomes U+FFFD instead of throwing', () => {
    expect(decodeGb(Uint8Array.from([0xd5, 0xc5, 0xc8, 0xfd]))).toBe('张三');
    expect(decodeGb(Uint8Array.from([0x95, 0x32, 0x82, 0x36]))).toBe('\u{20000}');
    expect(decodeGb(Uint8Array.from([0x41, 0xff, 0x42]))).toBe('A\uFFFDB'); // ICU's "gbk" gives U+F8F5
    expect(decodeGb(Uint8Array.from([0x41, 0xd5]))).toBe('A\uFFFD');
  });
});
