import type { KioskState } from '../../types.js';

export const selectScreen = (s: KioskState) => s.screen;
export const selectLocale = (s: KioskState) => s.locale;
export const selectElderlyMode = (s: KioskState) => s.elderlyMode;
export const selectMuted = (s: KioskState) => s.muted;
export const selectNotice = (s: KioskState) => s.notice;
export const selectProblem = (s: KioskState) => s.problem;
export const selectHallName = (s: KioskState) => s.kioskInfo?.hallName ?? '';
export const selectKioskId = (s: KioskState) => s.kioskInfo?.kioskId ?? '';
/** Idle timeout for this screen: elderly mode waits longer. */
export const selectIdleSeconds = (s: KioskState): number =>
  (s.elderlyMode ? s.kioskInfo?.elderlyIdleSeconds : s.kioskInfo?.idleSeconds) ?? 90;
export const selectWarningSeconds = (s: KioskState): number => s.kioskInfo?.warningSeconds ?? 15;
