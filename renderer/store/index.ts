/** One store per window, composed from slices; the only place slices meet. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../../electron/common/rpc.js';
import type { KioskState } from './types.js';
import { createDevicesSlice } from './slices/devices/actions.js';
import { createSessionSlice } from './slices/session/actions.js';
import { createUiSlice } from './slices/ui/actions.js';
import { createMattersSlice } from './slices/matters/actions.js';
import { createOverviewSlice } from './slices/overview/actions.js';
import { createJourneySlice } from './slices/journey/actions.js';
import { createApplicationSlice } from './slices/application/actions.js';
import { createProxySlice } from './slices/proxy/actions.js';
import { createIdleSlice } from './slices/idle/actions.js';
import { createMaintenanceSlice } from './slices/maintenance/actions.js';

export type KioskStore = StoreApi<KioskState>;

export function createKioskStore(client: KioskClient): KioskStore {
  return createStore<KioskState>()((set, get) => ({
    ...createDevicesSlice(set, get, client),
    ...createSessionSlice(set, get, client),
    ...createUiSlice(set, get, client),
    ...createMattersSlice(set, get, client),
    ...createOverviewSlice(set, get, client),
    ...createJourneySlice(set, get, client),
    ...createApplicationSlice(set, get, client),
    ...createProxySlice(set, get, client),
    ...createIdleSlice(set, get, client),
    ...createMaintenanceSlice(set, get, client),
  }));
}

/** Feeds the core's events into the store and loads the initial state. Returns an unsubscribe. */
export async function connectStore(store: KioskStore, client: KioskClient): Promise<() => void> {
  const s = () => store.getState();
  const unsubscribers = [
    client.onDeviceStatus((status) => s().deviceStatusChanged(status)),
    client.onSyncStatus((status) => s().syncStatusChanged(status)),
    client.onSession((session) => s().sessionChanged(session)),
    client.onNotice((notice) => s().noticeShown(notice)),
  ];
  const [info, status] = await Promise.all([client.getKioskInfo(), client.getStatus()]);
  s().kioskInfoLoaded(info);
  for (const device of status.devices) s().deviceStatusChanged(device);
  s().syncStatusChanged(status.sync);
  s().sessionChanged(status.session);
  return () => unsubscribers.forEach((u) => u());
}
