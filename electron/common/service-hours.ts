/**
 * The hall's opening hours, in the hall's own time zone: when the kiosk issues tickets,
 * and when it next opens. Pure (Intl only), shared by the config check and the core.
 *
 * A week of ranges ("08:30-12:00") per weekday, plus closed dates (holidays): a weekday
 * that is absent, or a closed date, has no ranges. Wall times are the hall's: a range's
 * epoch is found for each date, so a zone with daylight saving keeps its wall hours.
 */
import { z } from 'zod';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const wallTimeSchema = z.string().regex(HHMM, "a 24-hour wall time 'HH:MM', e.g. '03:30'");

/** "08:30-12:00": opens at the first time, closes at the second (same day). */
export const openingRangeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, "a range 'HH:MM-HH:MM', e.g. '08:30-12:00'")
  .refine((r) => minutesOf(r.slice(0, 5)) < minutesOf(r.slice(6, 11)) && minutesOf(r.slice(6, 11)) <= 24 * 60, 'the range must close after it opens, on the same day');

const dayRanges = z
  .array(openingRangeSchema)
  .max(6)
  .refine((ranges) => {
    const sorted = ranges.map((r) => [minutesOf(r.slice(0, 5)), minutesOf(r.slice(6, 11))] as const).sort((a, b) => a[0] - b[0]);
    return sorted.every((r, i) => i === 0 || r[0] >= sorted[i - 1]![1]);
  }, 'ranges of one day must not overlap');

export const openingHoursSchema = z
  .object({
    week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayRanges.optional()])) as Record<Weekday, z.ZodOptional<typeof dayRanges>>).strict(),
    /** Dates the hall is closed (public holidays), in the hall's calendar. */
    closedDates: z.array(z.iso.date()).max(400).default([]),
  })
  .strict();

export type OpeningHours = z.infer<typeof openingHoursSchema>;

interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The hall's wall clock at `epochMs`. */
export function wallClock(epochMs: number, timeZone: string): LocalDate & { hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** How far the zone's wall clock is ahead of UTC at `epochMs` (ms; whole seconds). */
function offsetAt(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(epochMs / 1000) * 1000;
}

/** The epoch of a wall time on a date in the zone (a time skipped by a DST change lands just after the gap). */
export function epochOfWallTime(date: LocalDate, minutes: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  let guess = asUtc - offsetAt(asUtc, timeZone);
  // Twice is enough: the offset at the guess is the offset of the answer unless a change lies between.
  for (let i = 0; i < 2; i++) {
    const next = asUtc - offsetAt(guess, timeZone);
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

function addDays(date: LocalDate, days: number): LocalDate & { weekday: Weekday; iso: string } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: WEEKDAYS[d.getUTCDay()]!,
    iso: d.toISOString().slice(0, 10),
  };
}

export interface OpeningState {
  open: boolean;
  /** When the hall next opens (closed), or null (open, or never again within a year). */
  opensAt: number | null;
  /** When the current opening ends (open), or null (closed, or always open). */
  closesAt: number | null;
}

/** Looked ahead for the next opening: a hall closed for longer is "closed until further notice". */
const LOOKAHEAD_DAYS = 370;

/** Open or closed at `now`, and the next change. `hours` null: open all the time (a 24-hour self-service area). */
export function openingState(hours: OpeningHours | null, timeZone: string, now: number): OpeningState {
  if (!hours) return { open: true, opensAt: null, closesAt: null };
  const closed = new Set(hours.closedDates);
  const today = wallClock(now, timeZone);
  for (let k = -1; k <= LOOKAHEAD_DAYS; k++) {
    const date = addDays(today, k); // yesterday too: its range may run to 24:00 = today 00:00
    if (closed.has(date.iso)) continue;
    const ranges = [...(hours.week[date.weekday] ?? [])].sort();
    for (const range of ranges) {
      const opens = epochOfWallTime(date, minutesOf(range.slice(0, 5)), timeZone);
      const closes = epochOfWallTime(date, minutesOf(range.slice(6, 11)), timeZone);
      if (now < opens) return { open: false, opensAt: opens, closesAt: null };
      if (now < closes) return { open: true, opensAt: null, closesAt: closes };
    }
  }
  return { open: false, opensAt: null, closesAt: null };
}

/** The next time the hall's wall clock reads `hhmm` after `now`. */
export function nextWallTime(hhmm: string, timeZone: string, now: number): number {
  const today = wallClock(now, timeZone);
  for (let k = 0; k <= 2; k++) {
    const at = epochOfWallTime(addDays(today, k), minutesOf(hhmm), timeZone);
    if (at > now) return at;
  }
  throw new Error(`no ${hhmm} within two days in ${timeZone}`);
}
