import type { KioskState } from '../../types.js';

export const selectMaintenanceView = (s: KioskState) => s.maintenanceView;
export const selectMaintenanceRefusal = (s: KioskState) => s.maintenanceRefusal;
export const selectMaintenanceResult = (s: KioskState) => s.maintenanceResult;
export const selectMaintenanceBusy = (s: KioskState) => s.maintenanceBusy;
/** The staff screen opens from the attract screen only: never over a citizen's session. */
export const selectMaintenanceAvailable = (s: KioskState) => s.screen === 'attract' && s.session === null;
