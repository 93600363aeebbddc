import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../../electron/common/rpc.js';
import type { DevicesState } from './slices/devices/state.js';
import type { DevicesActions } from './slices/devices/actions.js';
import type { SessionState } from './slices/session/state.js';
import type { SessionActions } from './slices/session/actions.js';
import type { UiState } from './slices/ui/state.js';
import type { UiActions } from './slices/ui/actions.js';
import type { MattersState } from './slices/matters/state.js';
import type { MattersActions } from './slices/matters/actions.js';
import type { OverviewState } from './slices/overview/state.js';
import type { OverviewActions } from './slices/overview/actions.js';
import type { JourneyState } from './slices/journey/state.js';
import type { JourneyActions } from './slices/journey/actions.js';
import type { ApplicationState } from './slices/application/state.js';
import type { ApplicationActions } from './slices/application/actions.js';
import type { ProxyActions } from './slices/proxy/actions.js';
import type { IdleState } from './slices/idle/state.js';
import type { IdleActions } from './slices/idle/actions.js';
import type { MaintenanceState } from './slices/maintenance/state.js';
import type { MaintenanceActions } from './slices/maintenance/actions.js';
import type { CodesState } from './slices/codes/state.js';
import type { CodesActions } from './slices/codes/actions.js';
import type { FaceState } from './slices/face/state.js';
import type { FaceActions } from './slices/face/actions.js';

export type KioskState = DevicesState &
  DevicesActions &
  SessionState &
  SessionActions &
  UiState &
  UiActions &
  MattersState &
  MattersActions &
  OverviewState &
  OverviewActions &
  JourneyState &
  JourneyActions &
  ApplicationState &
  ApplicationActions &
  ProxyActions &
  IdleState &
  IdleActions &
  MaintenanceState &
  MaintenanceActions &
  CodesState &
  CodesActions &
  FaceState &
  FaceActions;

/** A slice gets zustand's set/get over the whole store and the typed kiosk client. */
export type SliceCreator<Slice> = (
  set: StoreApi<KioskState>['setState'],
  get: StoreApi<KioskState>['getState'],
  client: KioskClient,
) => Slice;
