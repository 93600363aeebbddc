import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from './masking.js';

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 of an 18-character ID', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
  it('masks an old 15-digit ID and is idempotent on a masked one', () => {
    expect(maskIdNumber('110105491231002')).toBe('110********1002');
    expect(maskIdNumber('110***********002X')).toBe('110***********002X');
  });
  it('never returns the birth date part', () => {
    expect(maskIdNumber('330102199003071234')).not.toContain('19900307');
  });
  it('masks short card numbers too', () => {
    expect(maskIdNumber('A1234567')).toBe('A*****67');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskName', () => {
  it('keeps the family name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳明华')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
  });
  it('masks Latin names word by word', () => {
    expect(maskName('JOHN SMITH')).toBe('J*** S****');
  });
});
