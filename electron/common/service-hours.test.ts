import { describe, expect, it } from 'vitest';
import { epochOfWallTime, nextWallTime, openingHoursSchema, openingState } from './service-hours.js';

const at = (iso: string) => Date.parse(iso);
const SHANGHAI = 'Asia/Shanghai';
// A hall's week: two ranges on weekdays, Saturday mornings, New Year's Day closed.
const hours = openingHoursSchema.parse({
  week: {
    mon: ['08:30-12:00', '13:30-17:30'],
    tue: ['08:30-12:00', '13:30-17:30'],
    wed: ['13:30-17:30', '08:30-12:00'], // any order
    thu: ['08:30-12:00', '13:30-17:30'],
    fri: ['08:30-12:00', '13:30-17:30'],
    sat: ['09:00-12:00'],
  },
  closedDates: ['2027-01-01'],
});

describe('openingState (the hall in Asia/Shanghai, UTC+8)', () => {
  it('is open during a range, until its end', () => {
    // Wednesday 2026-12-02 10:00 in the hall.
    expect(openingState(hours, SHANGHAI, at('2026-12-02T02:00:00Z'))).toEqual({ open: true, opensAt: null, closesAt: at('2026-12-02T04:00:00Z') });
  });

  it('is closed over lunch and opens at 13:30', () => {
    expect(openingState(hours, SHANGHAI, at('2026-12-02T04:30:00Z'))).toEqual({ open: false, opensAt: at('2026-12-02T05:30:00Z'), closesAt: null });
  });

  it('closes exactly at the end of a range and opens exactly at its start', () => {
    expect(openingState(hours, SHANGHAI, at('2026-12-02T04:00:00Z')).open).toBe(false);
    expect(openingState(hours, SHANGHAI, at('2026-12-02T05:30:00Z')).open).toBe(true);
  });

  it('on Friday evening opens on Saturday morning, on Saturday afternoon on Monday', () => {
    expect(openingState(hours, SHANGHAI, at('2026-12-04T10:00:00Z')).opensAt).toBe(at('2026-12-05T01:00:00Z'));
    expect(openingState(hours, SHANGHAI, at('2026-12-05T05:00:00Z')).opensAt).toBe(at('2026-12-07T00:30:00Z'));
  });

  it('skips a closed date', () => {
    // Thursday 2026-12-31 18:00: Friday 2027-01-01 is closed, so Saturday 09:00.
    expect(openingState(hours, SHANGHAI, at('2026-12-31T10:00:00Z')).opensAt).toBe(at('2027-01-02T01:00:00Z'));
  });

  it('uses the hall’s date, not UTC’s: 07:00 Monday in the hall is still Sunday in UTC', () => {
    expect(openingState(hours, SHANGHAI, at('2026-12-06T23:00:00Z'))).toEqual({ open: false, opensAt: at('2026-12-07T00:30:00Z'), closesAt: null });
  });

  it('no hours: always open', () => {
    expect(openingState(null, SHANGHAI, at('2026-12-06T23:00:00Z'))).toEqual({ open: true, opensAt: null, closesAt: null });
  });

  it('a week with no ranges never opens', () => {
    expect(openingState(openingHoursSchema.parse({ week: {} }), SHANGHAI, at('2026-12-02T02:00:00Z'))).toEqual({ open: false, opensAt: null, closesAt: null });
  });

  it('a range to 24:00 is open until midnight', () => {
    const late = openingHoursSchema.parse({ week: { wed: ['20:00-24:00'] } });
    expect(openingState(late, SHANGHAI, at('2026-12-02T15:59:00Z'))).toEqual({ open: true, opensAt: null, closesAt: at('2026-12-02T16:00:00Z') });
  });
});

describe('wall times across daylight saving (Europe/Berlin, 2027-03-28)', () => {
  it('09:00 is 08:00 UTC before the change and 07:00 UTC after it', () => {
    expect(epochOfWallTime({ year: 2027, month: 3, day: 26 }, 9 * 60, 'Europe/Berlin')).toBe(at('2027-03-26T08:00:00Z'));
    expect(epochOfWallTime({ year: 2027, month: 3, day: 29 }, 9 * 60, 'Europe/Berlin')).toBe(at('2027-03-29T07:00:00Z'));
  });
});

describe('nextWallTime', () => {
  it('is later today, or tomorrow when today’s has passed', () => {
    expect(nextWallTime('03:30', SHANGHAI, at('2026-12-02T02:00:00Z'))).toBe(at('2026-12-02T19:30:00Z'));
    expect(nextWallTime('11:00', SHANGHAI, at('2026-12-02T02:00:00Z'))).toBe(at('2026-12-02T03:00:00Z'));
  });
});

describe('openingHoursSchema', () => {
  it('refuses a range that closes before it opens, overlapping ranges, and an unknown weekday', () => {
    expect(openingHoursSchema.safeParse({ week: { mon: ['12:00-08:30'] } }).success).toBe(false);
    expect(openingHoursSchema.safeParse({ week: { mon: ['08:00-12:00', '11:00-13:00'] } }).success).toBe(false);
    expect(openingHoursSchema.safeParse({ week: { monday: ['08:00-12:00'] } }).success).toBe(false);
    expect(openingHoursSchema.safeParse({ week: { mon: ['8:00-12:00'] } }).success).toBe(false);
    expect(openingHoursSchema.safeParse({ week: {}, closedDates: ['2027-13-01'] }).success).toBe(false);
  });
});
