/** The hall's calendar day of an instant: ticket numbers restart at 001 on each. */
import { DEFAULT_HALL_TIME_ZONE } from '../../common/time-zone.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) in the hall's time zone, whatever the machine's zone is. */
export function hallDay(epochMs: number, timeZone: string = DEFAULT_HALL_TIME_ZONE): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(epochMs);
}
