import type { KioskState } from '../../types.js';
import { selectIdleSeconds, selectWarningSeconds } from '../ui/selectors.js';

/**
 * Whole seconds left before the kiosk returns to the attract screen (null on the attract
 * screen). With a session: until the core's deadline, so page and core agree and a
 * restarted page never starts a fresh clock. Without one: from the last touch.
 */
export const selectIdleRemaining = (s: KioskState): number | null => {
  if (s.screen === 'attract') return null;
  if (s.session) return Math.max(0, Math.ceil((s.session.idleDeadlineAt - s.now) / 1000));
  const elapsed = Math.max(0, s.now - s.lastActivityAt) / 1000;
  return Math.max(0, Math.ceil(selectIdleSeconds(s) - elapsed));
};

/** The warning with 继续办理 shows during the last warningSeconds. */
export const selectIdleWarning = (s: KioskState): boolean => {
  const remaining = selectIdleRemaining(s);
  return remaining !== null && remaining <= selectWarningSeconds(s);
};
