import type { DeviceStatus } from '../../../../electron/common/device-status.js';
import type { ServiceState, SyncStatus } from '../../../../electron/common/contract.js';
import type { SliceCreator } from '../../types.js';
import { initialDevicesState, type DevicesState } from './state.js';

export interface DevicesActions {
  deviceStatusChanged(status: DeviceStatus): void;
  syncStatusChanged(status: SyncStatus): void;
  serviceStateChanged(state: ServiceState): void;
}

export const createDevicesSlice: SliceCreator<DevicesState & DevicesActions> = (set) => ({
  ...initialDevicesState,
  deviceStatusChanged: (status) => set((s) => ({ devices: { ...s.devices, [status.device]: status } })),
  syncStatusChanged: (sync) => set({ sync }),
  serviceStateChanged: (service) => set({ service }),
});
