/**
 * The thin node-hid binding shared by the HID readers (ID card, citizen card): the
 * four calls we use, behind an interface so framing is tested against in-memory devices.
 */

/** The slice of node-hid's `HID` class the transports use. */
export interface HidHandle {
  write(values: number[]): number;
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

export interface HidTarget {
  vendorId: number;
  productId: number;
  /** hidraw path when several readers share a VID:PID. */
  path?: string;
}

export type HidOpener = (target: HidTarget) => Promise<HidHandle>;

/** The real binding: loads node-hid lazily so machines without HID readers never need it. */
export const openNodeHid: HidOpener = async (target) => {
  const { HID, devices } = await import('node-hid');
  const path = target.path ?? devices(target.vendorId, target.productId)[0]?.path;
  if (!path) throw new Error(`no HID reader ${hidName(target)} found: check the USB cable`);
  return new HID(path) as unknown as HidHandle;
};

export function hidName(t: HidTarget): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `hid ${hex(t.vendorId)}:${hex(t.productId)}${t.path ? ` (${t.path})` : ''}`;
}
