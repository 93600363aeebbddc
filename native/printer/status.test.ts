import { describe, expect, it } from 'vitest';
import {
  ALL_CLEAR,
  decodeStatus,
  decodeStatusByte,
  encodeStatusByte,
  encodeStatusQuery,
  isValidStatusByte,
  problemOf,
  StatusByteError,
  type StatusQuery,
} from './status.js';

describe('status codec (DLE EOT)', () => {
  it('encodes the four queries as 10 04 n', () => {
    expect(encodeStatusQuery(1)).toEqual(Uint8Array.of(0x10, 0x04, 0x01));
    expect(encodeStatusQuery(4)).toEqual(Uint8Array.of(0x10, 0x04, 0x04));
  });

  it('accepts only bytes with (b & 0x93) == 0x12', () => {
    expect(isValidStatusByte(0x12)).toBe(true);
    expect(isValidStatusByte(0x16)).toBe(true);
    expect(isValidStatusByte(0x7e)).toBe(true);
    expect(isValidStatusByte(0x00)).toBe(false);
    expect(isValidStatusByte(0x13)).toBe(false);
    expect(isValidStatusByte(0x92)).toBe(false);
    expect(() => decodeStatusByte(2, 0x00)).toThrow(StatusByteError);
  });

  it('decodes each flag from hand-written reply bytes', () => {
    expect(decodeStatusByte(1, 0x12)).toEqual({ offline: false });
    expect(decodeStatusByte(1, 0x1a)).toEqual({ offline: true });
    expect(decodeStatusByte(2, 0x16)).toEqual({ coverOpen: true, paperOut: false, error: false });
    expect(decodeStatusByte(2, 0x32)).toEqual({ coverOpen: false, paperOut: true, error: false });
    expect(decodeStatusByte(2, 0x52)).toEqual({ coverOpen: false, paperOut: false, error: true });
    expect(decodeStatusByte(3, 0x1a)).toEqual({ cutterError: true, unrecoverableError: false, autoRecoverableError: false });
    expect(decodeStatusByte(3, 0x32)).toEqual({ cutterError: false, unrecoverableError: true, autoRecoverableError: false });
    expect(decodeStatusByte(4, 0x1e)).toEqual({ paperNearEnd: true, paperOut: false });
    expect(decodeStatusByte(4, 0x72)).toEqual({ paperNearEnd: false, paperOut: true });
  });

  it('combines replies and names the problem', () => {
    const replies = new Map<StatusQuery, number>([[1, 0x12], [2, 0x12], [3, 0x12], [4, 0x1e]]);
    const nearEnd = decodeStatus(replies);
    expect(nearEnd).toEqual({ ...ALL_CLEAR, paperNearEnd: true });
    expect(problemOf(nearEnd)).toBeNull();
    expect(problemOf(decodeStatus(new Map([[4, 0x7e]])))).toBe('paper-out');
    expect(problemOf(decodeStatus(new Map([[1, 0x1a], [2, 0x16]])))).toBe('cover-open');
    expect(problemOf(decodeStatus(new Map([[3, 0x1a]])))).toBe('cutter-error');
    expect(problemOf(decodeStatus(new Map([[1, 0x1a]])))).toBe('offline');
  });

  it('encodes simulator replies that the decoder reads back (paper out)', () => {
    const flags = { ...ALL_CLEAR, paperOut: true };
    expect(encodeStatusByte(4, flags)).toBe(0x7e);
    expect(encodeStatusByte(2, flags)).toBe(0x32);
    expect(encodeStatusByte(1, ALL_CLEAR)).toBe(0x12);
  });
});
