import type { KioskState } from '../../types.js';

export const selectCitizen = (s: KioskState) => s.session?.citizen ?? null;
export const selectIdentified = (s: KioskState): boolean => s.session !== null;
