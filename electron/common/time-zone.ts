/**
 * The hall's one time zone: the screen, the paper and the day in ticket and application
 * numbers all use it, whatever zone the kiosk machine is set to (often UTC).
 */
export const DEFAULT_HALL_TIME_ZONE = 'Asia/Shanghai';

/** An IANA zone name (Region/City, or UTC) that this runtime's Intl knows; offsets like +08:00 are not zones. */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
