/** The hall's calendar day of an instant: ticket numbers restart at 001 on each. */
import { DEFAULT_HALL_TIME_ZONE } from '../../common/time-zone.js';

interface ZoneDay {
  format: Intl.DateTimeFormat;
  /** The epoch second of the last answer, and that answer. */
  second: number;
  day: string;
}

const zones = new Map<string, ZoneDay>();

/**
 * The calendar day (YYYY-MM-DD) in the hall's time zone, whatever the machine's zone is.
 * Formatting costs a few microseconds (a tenth of a ticket's whole write in a burst), so
 * the last answer is kept for its second: every zone's UTC offset is a whole number of
 * seconds, so two instants of one UTC second always fall on the same local day.
 */
export function hallDay(epochMs: number, timeZone: string = DEFAULT_HALL_TIME_ZONE): string {
  const second = Math.floor(epochMs / 1000);
  let zone = zones.get(timeZone);
  if (!zone) {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    zone = { format, second: Number.NaN, day: '' };
    zones.set(timeZone, zone);
  }
  if (zone.second !== second) {
    zone.day = zone.format.format(epochMs);
    zone.second = second;
  }
  return zone.day;
}
