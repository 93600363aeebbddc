import { describe, expect, it } from 'vitest';
import { EncoderError, EscPosEncoder } from './encoder.js';
import { PROFILE_58MM, PROFILE_80MM, type PrinterProfile } from './profiles.js';

// Every expected byte below is written by hand from PROTOCOLS.md §3 and the GB18030
// code tables, not produced by the encoder.
const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));

describe('EscPosEncoder', () => {
  it('encodes init, Chinese mode and GB2312 text', () => {
    const out = new EscPosEncoder().initialize().chinese().line('中文').encode();
    expect(out).toEqual(hex('1B 40 1C 26 D6 D0 CE C4 0A'));
  });

  it('encodes ￥ (U+FFE5) as two GB bytes and ¥ (U+00A5) as four', () => {
    const out = new EscPosEncoder().chinese().text('￥5').text('¥').encode();
    expect(out).toEqual(hex('1C 26 A3 A4 35 81 30 84 36'));
  });

  it('encodes characters outside GB2312 through GB18030', () => {
    // 堃 is GBK 88 D2, 喆 is GBK 86 B4, 𠀀 (U+20000) is the four-byte 95 32 82 36.
    const out = new EscPosEncoder().chinese().text('堃喆𠀀').encode();
    expect(out).toEqual(hex('1C 26 88 D2 86 B4 95 32 82 36'));
  });

  it('prints only ASCII outside Chinese mode', () => {
    expect(new EscPosEncoder().text('A中').encode()).toEqual(hex('41 3F'));
    expect(new EscPosEncoder().chinese(true).chinese(false).text('中').encode()).toEqual(hex('1C 26 1C 2E 3F'));
  });

  it('encodes alignment, bold, underline, size and feed', () => {
    const out = new EscPosEncoder()
      .align('center').align('right').align('left')
      .bold().bold(false)
      .underline(1).underline(0)
      .size(2, 3).size(1)
      .feed(4)
      .encode();
    expect(out).toEqual(hex(`
      1B 61 01 1B 61 02 1B 61 00
      1B 45 01 1B 45 00
      1B 2D 01 1B 2D 00
      1D 21 12 1D 21 00
      1B 64 04`));
  });

  it('encodes a QR code: model 2, module size, error level, store and print', () => {
    const out = new EscPosEncoder().qr('AB', { size: 6, errorLevel: 'Q' }).encode();
    expect(out).toEqual(hex(`
      1D 28 6B 04 00 31 41 32 00
      1D 28 6B 03 00 31 43 06
      1D 28 6B 03 00 31 45 32
      1D 28 6B 05 00 31 50 30 41 42
      1D 28 6B 03 00 31 51 30`));
  });

  it('puts the QR store length little-endian when it passes 255 bytes', () => {
    const data = 'x'.repeat(300); // 303 = 0x012F; header 9 + 8 + 8 bytes
    const out = new EscPosEncoder().qr(data, { errorLevel: 'L', size: 3 }).encode();
    const store = out.slice(25, 33);
    expect(store).toEqual(hex('1D 28 6B 2F 01 31 50 30'));
    expect(out.length).toBe(25 + 8 + 300 + 8);
  });

  it('encodes partial and full cuts, and feeds instead on a printer without a cutter', () => {
    expect(new EscPosEncoder().cut('partial').cut('full').encode()).toEqual(hex('1D 56 01 1D 56 00'));
    const noCutter: PrinterProfile = { ...PROFILE_58MM, cutter: false };
    expect(new EscPosEncoder(noCutter).cut().encode()).toEqual(hex('1B 64 04'));
  });

  it('draws separators across the profile width', () => {
    expect(new EscPosEncoder(PROFILE_58MM).separator('=').encode()).toEqual(new Uint8Array([...Array(32).fill(0x3d), 0x0a]));
    expect(new EscPosEncoder(PROFILE_80MM).separator().encode().length).toBe(49);
  });

  it('rejects bad arguments with a typed error', () => {
    expect(() => new EscPosEncoder().size(9)).toThrow(EncoderError);
    expect(() => new EscPosEncoder().qr('x', { size: 0 })).toThrow(/1\.\.16/);
    expect(() => new EscPosEncoder().qr('')).not.toThrow();
    expect(() => new EscPosEncoder().qr('').encode()).toThrow(/empty/);
    expect(() => new EscPosEncoder().text('a\nb')).toThrow(/line break/);
    expect(() => new EscPosEncoder().feed(256)).toThrow(EncoderError);
  });
});
