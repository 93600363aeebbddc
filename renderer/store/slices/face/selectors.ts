import type { KioskState } from '../../types.js';

export const selectFacePhase = (s: KioskState) => s.face?.phase ?? null;
export const selectFaceResult = (s: KioskState) => s.face?.result ?? null;
