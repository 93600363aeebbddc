import type { DeviceKind, DeviceStatus } from '../../../../electron/common/device-status.js';
import type { ServiceState, SyncStatus } from '../../../../electron/common/contract.js';

export interface DevicesState {
  devices: Partial<Record<DeviceKind, DeviceStatus>>;
  sync: SyncStatus | null;
  /** In service, closed (opening hours) or taken out by operations; null until the core says. */
  service: ServiceState | null;
}

export const initialDevicesState: DevicesState = { devices: {}, sync: null, service: null };
