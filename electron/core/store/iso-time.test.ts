import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('writes each millisecond as UTC ISO 8601, also in consecutive and repeated calls', () => {
    expect(isoTime(Date.UTC(2026, 11, 1, 15, 59, 59, 999))).toBe('2026-12-01T15:59:59.999Z');
    expect(isoTime(Date.UTC(2026, 11, 1, 15, 59, 59, 999))).toBe('2026-12-01T15:59:59.999Z');
    expect(isoTime(Date.UTC(2026, 11, 1, 16, 0, 0, 0))).toBe('2026-12-01T16:00:00.000Z');
    // The clock stepped back (NTP): the earlier instant, not the remembered one.
    expect(isoTime(Date.UTC(2026, 11, 1, 15, 59, 59, 998))).toBe('2026-12-01T15:59:59.998Z');
  });
});
