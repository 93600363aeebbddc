import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../../electron/common/rpc.js';
import type { DevicesState } from './slices/devices/state.js';
import type { DevicesActions } from './slices/devices/actions.js';
import type { SessionState } from './slices/session/state.js';
import type { SessionActions } from './slices/session/actions.js';
import type { UiState } from './slices/ui/state.js';
import type { UiActions } from './slices/ui/actions.js';

export type KioskState = DevicesState & DevicesActions & SessionState & SessionActions & UiState & UiActions;

/** A slice gets zustand's set/get over the whole store and the typed kiosk client. */
export type SliceCreator<Slice> = (
  set: StoreApi<KioskState>['setState'],
  get: StoreApi<KioskState>['getState'],
  client: KioskClient,
) => Slice;
