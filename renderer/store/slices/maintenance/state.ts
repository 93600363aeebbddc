import type { MaintenanceActionResult, MaintenanceUnlock, MaintenanceView } from '../../../../electron/common/contract.js';

export type PinRefusal = Exclude<MaintenanceUnlock, { ok: true }>;

export interface MaintenanceState {
  /** The staff view once the PIN was accepted; null shows the PIN pad. */
  maintenanceView: MaintenanceView | null;
  maintenanceRefusal: PinRefusal | null;
  maintenanceResult: MaintenanceActionResult | null;
  /** A maintenance call is running (the pad and buttons wait). */
  maintenanceBusy: boolean;
}

export const initialMaintenanceState: MaintenanceState = {
  maintenanceView: null,
  maintenanceRefusal: null,
  maintenanceResult: null,
  maintenanceBusy: false,
};
