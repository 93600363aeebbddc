import { describe, expect, it } from 'vitest';
import { hallDay } from './hall-day.js';

describe('hallDay', () => {
  it('turns at the hall\'s midnight, also between two calls in consecutive milliseconds', () => {
    expect(hallDay(Date.parse('2026-12-01T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-12-01');
    expect(hallDay(Date.parse('2026-12-01T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-12-02');
    // The clock set back (NTP step) within the remembered second's neighbourhood.
    expect(hallDay(Date.parse('2026-12-01T15:59:59.500Z'), 'Asia/Shanghai')).toBe('2026-12-01');
  });

  it('turns at a midnight that is not on a whole hour of UTC (+05:45)', () => {
    expect(hallDay(Date.parse('2026-12-01T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-12-01');
    expect(hallDay(Date.parse('2026-12-01T18:15:00.000Z'), 'Asia/Kathmandu')).toBe('2026-12-02');
  });

  it('answers each zone for itself within one second', () => {
    const at = Date.parse('2026-12-01T20:00:00.000Z');
    expect(hallDay(at, 'Asia/Shanghai')).toBe('2026-12-02');
    expect(hallDay(at + 1, 'UTC')).toBe('2026-12-01');
    expect(hallDay(at + 2, 'Asia/Shanghai')).toBe('2026-12-02');
    expect(hallDay(at + 3, 'America/Los_Angeles')).toBe('2026-12-01');
  });
});
