/**
 * A device adapter's status from its driver: the driver's latest status mapped to
 * `DeviceStatus` (one base mapping for the states every driver has, plus each driver's
 * own) and kept, and each change passed on to the adapter's `onStatus` listeners.
 * Used by the ID-card reader and the code scanner adapters.
 */
import type { DeviceKind, DeviceStatus } from '../../common/device-status.js';
import type { DeviceSupervisor, Unsubscribe } from './types.js';

/** The part of a driver this needs: its current status and its 'status' event. */
export interface StatusSource<S> {
  status(): S;
  on(event: 'status', listener: (status: S) => void): () => void;
}

export interface FollowedStatus {
  current(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
}

/** Subscribes to `driver`'s status events now; `toStatus` maps each to a DeviceStatus. */
export function followDriverStatus<S>(driver: StatusSource<S>, toStatus: (status: S) => DeviceStatus): FollowedStatus {
  let current = toStatus(driver.status());
  const listeners = new Set<(s: DeviceStatus) => void>();
  driver.on('status', (s) => {
    current = toStatus(s);
    for (const l of listeners) l(current);
  });
  return {
    current: () => current,
    onStatus(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

/** The part of a driver an adapter starts and stops. */
export interface SupervisedDriver<S> extends StatusSource<S> {
  start(): void;
  stop(): Promise<void>;
}

/** The DeviceSupervisor half of an adapter: starts and stops `driver`, and follows its status (followDriverStatus). */
export function superviseDriver<S>(driver: SupervisedDriver<S>, toStatus: (status: S) => DeviceStatus): DeviceSupervisor {
  const status = followDriverStatus(driver, toStatus);
  return {
    start() {
      driver.start();
      return Promise.resolve();
    },
    stop: () => driver.stop(),
    status: status.current,
    onStatus: status.onStatus,
  };
}

/** The states every device driver goes through (native/idcard, native/scanner). */
export type BaseDriverState = 'connecting' | 'ready' | 'reconnecting' | 'stopped';

/** A driver's status as its 'status' event carries it. */
export interface DriverStatusReport<S extends string> {
  state: S;
  message: string;
  /** Where the driver found the device; empty before it has. */
  port: string;
}

export type MappedState = Pick<DeviceStatus, 'state' | 'code'>;

const BASE_STATES: Record<BaseDriverState, MappedState> = {
  ready: { state: 'ready' },
  reconnecting: { state: 'reconnecting', code: 'lost' },
  // Not yet answering: shown as no device until it does.
  connecting: { state: 'no-device', code: 'connecting' },
  stopped: { state: 'disabled', code: 'stopped' },
};

function isBaseState(state: string): state is BaseDriverState {
  return Object.hasOwn(BASE_STATES, state);
}

/**
 * Maps a driver status to a DeviceStatus: the base states alike for every driver, the
 * driver's own states (`own`, e.g. sam-fault) as it says; `port` stands in until the
 * driver names one.
 */
export function toDriverDeviceStatus<S extends string>(
  device: DeviceKind,
  s: DriverStatusReport<S>,
  own: Record<Exclude<S, BaseDriverState>, MappedState>,
  port: string,
  at: number,
): DeviceStatus {
  const mapped = isBaseState(s.state) ? BASE_STATES[s.state] : own[s.state as Exclude<S, BaseDriverState>];
  return { device, message: s.message, port: s.port || port, at, ...mapped };
}
