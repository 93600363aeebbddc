/**
 * The page's one zustand store (KioskUiStore: what the screens show), composed from slices;
 * the only place slices meet. Not the core's SQLite KioskStore.
 */
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
import { createCodesSlice } from './slices/codes/actions.js';
import { createFaceSlice } from './slices/face/actions.js';

export type KioskUiStore = StoreApi<KioskState>;

export function createKioskUiStore(client: KioskClient): KioskUiStore {
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
    ...createCodesSlice(set, get, client),
    ...createFaceSlice(set, get, client),
  }));
}

/** What a transport that reconnects by itself tells the store (the WebSocket bridge; IPC never drops). */
export interface ConnectionEvents {
  /** The link to the core is back after a drop: the listener runs after each reconnection. */
  onReconnected(listener: () => void): () => void;
}

/**
 * Feeds the core's events into the store and loads the initial state; after a reconnection
 * it reads the core's state again (the session may have ended or changed meanwhile). The
 * store never re-issues a call on its own: what was in flight was the old link's.
 * Returns an unsubscribe.
 */
export async function connectStore(store: KioskUiStore, client: KioskClient, connection?: ConnectionEvents): Promise<() => void> {
  const s = () => store.getState();
  const readCoreState = async () => {
    const status = await client.getStatus();
    for (const device of status.devices) s().deviceStatusChanged(device);
    s().syncStatusChanged(status.sync);
    s().serviceStateChanged(status.service);
    // The core's session as it stands, with its own idle deadline: never a fresh clock here.
    s().sessionChanged(status.session);
  };
  const unsubscribers = [
    client.onDeviceStatus((status) => s().deviceStatusChanged(status)),
    client.onSyncStatus((status) => s().syncStatusChanged(status)),
    client.onServiceState((state) => s().serviceStateChanged(state)),
    client.onSession((session) => s().sessionChanged(session)),
    client.onNotice((notice) => s().noticeShown(notice)),
    client.onCodeScan((outcome) => s().codeScanned(outcome)),
  ];
  if (connection) {
    unsubscribers.push(
      connection.onReconnected(() => {
        readCoreState().catch((error: unknown) => console.error('kiosk: reading the core state after a reconnection failed', error));
      }),
    );
  }
  s().kioskInfoLoaded(await client.getKioskInfo());
  await readCoreState();
  return () => unsubscribers.forEach((u) => u());
}

/** The transport's reconnection events, when it has them (duck-typed: the IPC transport does not). */
export function connectionEventsOf(transport: object): ConnectionEvents | undefined {
  const onReconnected = (transport as Partial<ConnectionEvents>).onReconnected;
  return typeof onReconnected === 'function' ? { onReconnected: onReconnected.bind(transport) } : undefined;
}
