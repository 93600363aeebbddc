import type { KioskState } from '../../types.js';

export const selectScreen = (s: KioskState) => s.screen;
export const selectLocale = (s: KioskState) => s.locale;
export const selectElderlyMode = (s: KioskState) => s.elderlyMode;
export const selectHallName = (s: KioskState) => s.kioskInfo?.hallName ?? '';
export const selectKioskId = (s: KioskState) => s.kioskInfo?.kioskId ?? '';
/** Idle timeout for this screen: elderly mode waits longer. */
export const selectIdleSeconds = (s: KioskState): number =>
  (s.elderlyMode ? s.kioskInfo?.elderlyIdleSeconds : s.kioskInfo?.idleSeconds) ?? 90;
