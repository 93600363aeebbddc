/**
 * A device adapter's status from its driver: the driver's latest status mapped to
 * `DeviceStatus` and kept, and each change passed on to the adapter's `onStatus`
 * listeners. Used by the ID-card reader and the code scanner adapters.
 */
import type { DeviceStatus } from '../../common/device-status.js';
import type { Unsubscribe } from './types.js';

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
