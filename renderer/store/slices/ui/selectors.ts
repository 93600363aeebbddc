import type { KioskState } from '../../types.js';
import { DEFAULT_HALL_TIME_ZONE } from '../../../../electron/common/time-zone.js';

export const selectScreen = (s: KioskState) => s.screen;
export const selectLocale = (s: KioskState) => s.locale;
export const selectElderlyMode = (s: KioskState) => s.elderlyMode;
export const selectMuted = (s: KioskState) => s.muted;
export const selectNotice = (s: KioskState) => s.notice;
export const selectProblem = (s: KioskState) => s.problem;
export const selectHallName = (s: KioskState) => s.kioskInfo?.hallName ?? '';
export const selectKioskId = (s: KioskState) => s.kioskInfo?.kioskId ?? '';
/** Every time on screen is in the hall's zone (the paper's), not the machine's. */
export const selectHallTimeZone = (s: KioskState): string => s.kioskInfo?.timeZone ?? DEFAULT_HALL_TIME_ZONE;
/** Idle timeout for this screen: elderly mode waits longer. */
export const selectIdleSeconds = (s: KioskState): number =>
  (s.elderlyMode ? s.kioskInfo?.elderlyIdleSeconds : s.kioskInfo?.idleSeconds) ?? 90;
export const selectWarningSeconds = (s: KioskState): number => s.kioskInfo?.warningSeconds ?? 15;
