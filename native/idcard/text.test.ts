/**
 * Text decoding for the four layouts. Each block is laid out in the test by hand from
 * the offsets in PROTOCOLS.md §1 (UCS-2 LE, space padded), not by the codec.
 */
import { describe, expect, it } from 'vitest';
import { isValidGb11643, gb11643CheckChar } from './gb11643.js';
import { NATION_CODES } from './tables.js';
import { decodeCardText } from './text.js';
import { textBlock } from './test-vectors.js';

const resident: Array<[number, string]> = [
  [0, '张三'], [30, '1'], [32, '01'], [36, '19850315'], [52, '浙江省杭州市西湖区文三路1号'],
  [122, '330106198503151238'], [158, '杭州市公安局西湖分局'], [188, '20150101'], [204, '20350101'],
];

describe('resident ID card', () => {
  it('decodes the name from literal UCS-2 LE bytes (张 = 5F20, 三 = 4E09)', () => {
    const text = textBlock(resident);
    expect(Array.from(text.subarray(0, 6))).toEqual([0x20, 0x5f, 0x09, 0x4e, 0x20, 0x00]);
    const r = decodeCardText(text);
    expect(r.ok && r.identity.name).toBe('张三');
  });
  it('decodes every field, trimmed, with ISO dates', () => {
    const r = decodeCardText(textBlock(resident));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.identity).toEqual({
      cardType: 'resident',
      name: '张三',
      sex: 'male',
      nation: '汉',
      birthDate: '1985-03-15',
      address: '浙江省杭州市西湖区文三路1号',
      idNumber: '330106198503151238',
      idNumberValid: true,
      issuer: '杭州市公安局西湖分局',
      validFrom: '2015-01-01',
      validTo: '2035-01-01',
      extra: {},
    });
    expect(r.warnings).toEqual([]);
  });
  it('trims NUL padding as well as spaces', () => {
    const text = textBlock(resident);
    text.fill(0, 4, 30); // name field: 张三 then NULs
    const r = decodeCardText(text);
    expect(r.ok && r.identity.name).toBe('张三');
  });
  it('maps 长期 to long-term', () => {
    const r = decodeCardText(textBlock([...resident.filter(([o]) => o !== 204), [204, '长期']]));
    expect(r.ok && r.identity.validTo).toBe('long-term');
  });
  it('reports a bad check digit instead of hiding it', () => {
    const r = decodeCardText(textBlock([...resident, [122, '330106198503151239']]));
    expect(r.ok && r.identity.idNumberValid).toBe(false);
    expect(r.ok && r.warnings.join()).toContain('GB 11643');
  });
  it('accepts a lowercase x check digit and an uppercase X', () => {
    expect(isValidGb11643('11010519491231002X')).toBe(true);
    expect(isValidGb11643('11010519491231002x')).toBe(true);
    expect(gb11643CheckChar('11010519491231002')).toBe('X');
    expect(isValidGb11643('1101051949123100')).toBe(false);
  });
  it('reports an unknown sex or nation code and a malformed date', () => {
    const r = decodeCardText(textBlock([...resident, [30, '5'], [32, '77'], [36, '19851345']]));
    expect(r.ok && r.identity.sex).toBe('unknown');
    expect(r.ok && r.identity.nation).toBe('77');
    expect(r.ok && r.identity.birthDate).toBe('19851345');
    expect(r.ok && r.warnings.length).toBe(3);
  });
  it('has the sex codes 0, 2 and 9', () => {
    expect(decodeCardText(textBlock([...resident, [30, '2']]))).toMatchObject({ identity: { sex: 'female' } });
    expect(decodeCardText(textBlock([...resident, [30, '0']]))).toMatchObject({ identity: { sex: 'unknown' } });
    expect(decodeCardText(textBlock([...resident, [30, '9']]))).toMatchObject({ identity: { sex: 'unspecified' } });
  });
});

describe('nation table (GB 3304)', () => {
  it.each([['01', '汉'], ['02', '蒙古'], ['05', '维吾尔'], ['08', '壮'], ['29', '柯尔克孜'], ['56', '基诺'], ['97', '其他'], ['98', '外国血统中国籍人士']])(
    '%s is %s',
    (code, name) => expect(NATION_CODES[code]).toBe(name),
  );
  it('has 58 entries', () => expect(Object.keys(NATION_CODES)).toHaveLength(58));
});

describe('J: Hong Kong / Macau / Taiwan residence permit', () => {
  it('decodes the shared fields plus pass number and issue count', () => {
    const r = decodeCardText(textBlock([
      [0, '陈大文'], [30, '1'], [36, '19900101'], [52, '浙江省杭州市上城区解放路2号'],
      [122, '810000199001011230'], [158, '杭州市公安局'], [188, '20200101'], [204, '20250101'],
      [220, 'H12345678'], [238, '01'], [248, 'J'],
    ]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.identity).toMatchObject({
      cardType: 'hk-mo-tw-residence', name: '陈大文', nation: '', idNumber: '810000199001011230', idNumberValid: true,
      extra: { passNumber: 'H12345678', issueCount: '01' },
    });
  });
});

describe('I: foreigner permanent residence card (2017)', () => {
  it('decodes the English and Chinese names, card number and nationality', () => {
    const r = decodeCardText(textBlock([
      [0, 'SMITH, JOHN'], [120, '1'], [122, 'USA310075080101'], [152, 'USA'], [158, '史密斯'],
      [188, '20170601'], [204, '20270601'], [220, '19750801'], [236, '01'], [240, '1500'], [248, 'I'],
    ]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.identity).toMatchObject({
      cardType: 'foreign-permanent-2017', name: '史密斯', sex: 'male', birthDate: '1975-08-01',
      idNumber: 'USA310075080101', issuer: '1500', validTo: '2027-06-01',
      extra: { englishName: 'SMITH, JOHN', chineseName: '史密斯', nationality: 'USA', cardVersion: '01' },
    });
  });
  it('falls back to the English name when there is no Chinese name', () => {
    const r = decodeCardText(textBlock([[0, 'DOE, JANE'], [120, '2'], [220, '19800101'], [188, '20170601'], [204, '20270601'], [248, 'I']]));
    expect(r.ok && r.identity.name).toBe('DOE, JANE');
  });
});

describe('Y: foreigner permanent residence card (2023)', () => {
  it('joins the English name continuation and checks the 18-digit number', () => {
    const r = decodeCardText(textBlock([
      [0, '玛丽'], [30, '2'], [32, '00'], [36, '20000101'], [52, 'MARTIN, MARIE-CLAIRE ANNE LOUISE DE'], [122, '933156200001011233'],
      [188, '20230601'], [204, '20330601'], [220, ' LA TOUR'], [242, 'FRA'], [248, 'Y'],
    ]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.identity).toMatchObject({
      cardType: 'foreign-permanent-2023', name: '玛丽', sex: 'female', birthDate: '2000-01-01',
      idNumber: '933156200001011233', idNumberValid: true,
      extra: { englishName: 'MARTIN, MARIE-CLAIRE ANNE LOUISE DE LA TOUR', renewalCount: '00', nationality: 'FRA' },
    });
  });
});

describe('unreadable text', () => {
  it('refuses an unknown card type letter', () => {
    const r = decodeCardText(textBlock([...resident, [248, 'Q']]));
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.message).toContain('"Q"');
  });
  it('refuses a short block', () => {
    expect(decodeCardText(new Uint8Array(100))).toMatchObject({ ok: false });
  });
});
