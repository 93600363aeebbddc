import type { DeviceKind, DeviceStatus } from '../../../../electron/common/device-status.js';
import type { SyncStatus } from '../../../../electron/common/contract.js';

export interface DevicesState {
  devices: Partial<Record<DeviceKind, DeviceStatus>>;
  sync: SyncStatus | null;
}

export const initialDevicesState: DevicesState = { devices: {}, sync: null };
