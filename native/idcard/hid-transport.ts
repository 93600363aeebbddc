/**
 * SAM frames over HID reports. The node-hid binding is kept behind `HidHandle` (the
 * four calls we use) so the wrapping is tested against an in-memory device.
 */
import { HidReplyReassembler, nodeHidWritePayload, wrapHidRequest } from './hid-wrap.js';
import type { SamTransport, TransportSink } from './transport.js';

/** The slice of node-hid's `HID` class the transport uses. */
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

export class HidTransport implements SamTransport {
  readonly description: string;
  private handle: HidHandle | undefined;
  private srn = 0;
  private closing = false;

  constructor(
    private readonly target: HidTarget,
    private readonly opener: HidOpener = openNodeHid,
  ) {
    this.description = hidName(target);
  }

  async open(sink: TransportSink): Promise<void> {
    this.handle = await this.opener(this.target);
    const reassembler = new HidReplyReassembler();
    this.handle.on('data', (report) => {
      const frame = reassembler.push(report);
      if (frame) sink.data(frame);
    });
    this.handle.on('error', (error) => {
      if (!this.closing) sink.closed(error);
    });
  }

  write(frame: Uint8Array): Promise<void> {
    if (!this.handle) return Promise.reject(new Error(`ID reader ${this.description} is not open`));
    this.srn = (this.srn + 1) & 0xffff;
    try {
      this.handle.write(nodeHidWritePayload(wrapHidRequest(frame, this.srn)));
      return Promise.resolve();
    } catch (err) {
      // node-hid throws synchronously once the device is unplugged.
      return Promise.reject(new Error(`ID reader ${this.description} disconnected (${(err as Error).message}): check the USB cable`));
    }
  }

  close(): Promise<void> {
    this.closing = true;
    try {
      this.handle?.close();
    } catch {
      // Already gone (unplugged): nothing left to release.
    }
    this.handle = undefined;
    return Promise.resolve();
  }
}
