import type { DeviceKind, DeviceState } from '../../../../electron/common/device-status.js';
import type { KioskState } from '../../types.js';

export const selectDeviceState =
  (kind: DeviceKind) =>
  (s: KioskState): DeviceState | 'unknown' =>
    s.devices[kind]?.state ?? 'unknown';

export const selectOnline = (s: KioskState): boolean | null => s.sync?.online ?? null;

/** The kiosk's service state; unknown (not yet read) counts as in service, as the core refuses what it must anyway. */
export const selectService = (s: KioskState) => s.service;
export const selectTicketsIssued = (s: KioskState): boolean => s.service?.inService ?? true;

export const selectPendingRecords = (s: KioskState): number => s.sync?.pending ?? 0;

export const selectAcceptingWrites = (s: KioskState): boolean => s.sync?.acceptingWrites ?? true;

/** A reader is usable when at least one kind of card can be read. */
export const selectCanIdentify = (s: KioskState): boolean =>
  s.devices.idcard?.state === 'ready' || s.devices.citizencard?.state === 'ready';
