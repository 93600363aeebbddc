/** For unit tests: the lockout kept in memory (the kiosk keeps it in the store) and a cheap PIN hash. */
import type { LockoutRecord, LockoutState } from './maintenance-desk.js';
import { hashMaintenancePin } from './pin.js';

export function memoryLockout(initial: LockoutState = { failures: 0, lockedUntil: 0 }): LockoutRecord & { state: LockoutState } {
  return {
    state: { ...initial },
    load() {
      return { ...this.state };
    },
    save(state) {
      this.state = { ...state };
    },
  };
}

/** The lowest cost the config accepts: unit tests verify many PINs and need not wait for the real cost. */
export function cheapPinHash(pin: string): string {
  return hashMaintenancePin(pin, { cost: { N: 2 ** 14, r: 8, p: 1 } });
}
