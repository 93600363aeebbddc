import { describe, expect, it } from 'vitest';
import { checkDigit, isValidIdNumber, makeIdNumber } from './id-number.js';

describe('GB 11643 check digit', () => {
  it('matches the published example numbers', () => {
    // Example from GB 11643-1999 annex: 11010519491231002X
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    // hand-computed: weighted sum 196, 196 mod 11 = 9 -> '3'
    expect(checkDigit('44052419800101001')).toBe('3');
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });
  it('builds numbers that validate', () => {
    expect(isValidIdNumber(makeIdNumber('330106', '1966-01-15', 17))).toBe(true);
  });
});
