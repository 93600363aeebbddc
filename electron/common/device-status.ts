/** Device health as shown in the status bar and the admin screen. */
export const DEVICE_KINDS = ['idcard', 'citizencard', 'printer', 'scanner'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const DEVICE_STATES = [
  'ready', // answering, usable
  'no-device', // port/reader absent or not answering
  'reconnecting', // lost, re-opening with backoff
  'fault', // present but broken (SAM fault, cover open, cutter error…)
  'attention', // usable but needs staff soon (paper near end)
  'disabled', // not configured on this kiosk
] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export interface DeviceStatus {
  device: DeviceKind;
  state: DeviceState;
  /** Machine-readable reason, e.g. 'sam-fault', 'paper-out', 'paper-near-end', 'cover-open', 'timeout'. */
  code?: string;
  /** One plain sentence for installers and logs (English), saying what to do. */
  message: string;
  /** Where the device is, e.g. '/dev/ttyUSB0', 'tcp://10.0.0.5:9100', 'Virtual PCD 00 00'. */
  port?: string;
  at: number;
}
