import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { bcdDate, gbkText, isValidIdNumber, nationName, smallCode } from './fields.js';

const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => Number.parseInt(b, 16)));

describe('record fields', () => {
  it('decodes BCD dates and refuses non-dates', () => {
    expect(bcdDate(hex('20 24 01 31'))).toBe('2024-01-31');
    expect(bcdDate(hex('20 24 02 30'))).toBeUndefined();
    expect(bcdDate(hex('20 2A 01 01'))).toBeUndefined();
    expect(bcdDate(hex('20 24 01'))).toBeUndefined();
  });
  it('decodes GBK names padded with NUL, spaces or FF', () => {
    // 张伟 in GBK: D5 C5 CE B0
    expect(gbkText(hex('D5 C5 CE B0 00 00 00'))).toBe('张伟');
    expect(gbkText(hex('D5 C5 CE B0 20 20 FF'))).toBe('张伟');
    expect(gbkText(iconv.encode('欧阳娜娜', 'gbk'))).toBe('欧阳娜娜');
  });
  it('reads small codes as ASCII digits or BCD', () => {
    expect(smallCode(hex('31'))).toBe(1);
    expect(smallCode(hex('02'))).toBe(2);
    expect(smallCode(hex('30 33'))).toBe(3);
    expect(smallCode(hex('1A'))).toBeUndefined();
  });
  it('checks GB 11643 check digits', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('330106198503127318')).toBe(true);
    expect(isValidIdNumber('330106198503127317')).toBe(false);
    expect(isValidIdNumber('33010619850312731')).toBe(false);
  });
  it('names nations by GB 3304 code', () => {
    expect(nationName(1)).toBe('汉');
    expect(nationName(3)).toBe('回');
    expect(nationName(56)).toBe('基诺');
    expect(nationName(97)).toBe('其他');
    expect(nationName(60)).toBe('');
  });
});
