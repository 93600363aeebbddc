/**
 * The framed reader's bytes over USB HID, as HID-to-serial bridge readers carry them:
 * 64-byte reports, the first byte saying how many of the next 63 are stream bytes, the
 * rest zero padding. node-hid writes take a leading report id (00: the device has none).
 * The frames themselves (frame-codec.ts) span reports freely; the framer reassembles them.
 */
import { CitizenCardError } from './errors.js';
import type { ByteLink, ByteLinkEvents } from './byte-link.js';
import { hidName, openNodeHid, type HidHandle, type HidOpener, type HidTarget } from '../hid/hid-device.js';

export const HID_REPORT_SIZE = 64;
const PAYLOAD = HID_REPORT_SIZE - 1;

/** Output reports for node-hid: [00 report id, count, bytes…, zero padding] each. */
export function hidWriteReports(bytes: Uint8Array): number[][] {
  const reports: number[][] = [];
  for (let at = 0; at < bytes.length; at += PAYLOAD) {
    const chunk = bytes.subarray(at, at + PAYLOAD);
    const report = new Array<number>(HID_REPORT_SIZE + 1).fill(0);
    report[1] = chunk.length;
    for (let i = 0; i < chunk.length; i++) report[2 + i] = chunk[i]!;
    reports.push(report);
  }
  return reports;
}

/** The stream bytes an input report carries (a count past the report's end is clamped). */
export function hidReportBytes(report: Uint8Array): Uint8Array {
  const count = Math.min(report[0] ?? 0, report.length - 1, PAYLOAD);
  return report.subarray(1, 1 + count);
}

export class HidLink implements ByteLink {
  private handle: HidHandle | undefined;
  private closing = false;

  constructor(
    private readonly target: HidTarget,
    private readonly opener: HidOpener = openNodeHid,
  ) {}

  get location(): string {
    return hidName(this.target);
  }

  async open(events: ByteLinkEvents): Promise<void> {
    this.closing = false;
    try {
      this.handle = await this.opener(this.target);
    } catch (err) {
      throw new CitizenCardError('reader-unavailable', `citizen-card reader ${this.location} cannot be opened (${(err as Error).message}): check the USB cable and devices.citizencard`);
    }
    this.handle.on('data', (report) => events.data(hidReportBytes(new Uint8Array(report))));
    this.handle.on('error', (err) => {
      if (!this.closing) events.closed(`citizen-card reader ${this.location} failed (${err.message}): check the USB cable`);
    });
  }

  write(bytes: Uint8Array): void {
    if (!this.handle) throw new CitizenCardError('reader-unavailable', `citizen-card reader ${this.location} is not open`);
    try {
      for (const report of hidWriteReports(bytes)) this.handle.write(report);
    } catch (err) {
      // node-hid throws synchronously once the device is unplugged.
      throw new CitizenCardError('reader-unavailable', `citizen-card reader ${this.location} disconnected (${(err as Error).message}): check the USB cable`);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    try {
      this.handle?.close();
    } catch {
      // Already gone (unplugged): nothing left to release.
    }
    this.handle = undefined;
  }
}
