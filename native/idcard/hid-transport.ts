/**
 * SAM frames over HID reports. The node-hid binding is kept behind `HidHandle` (the
 * four calls we use) so the wrapping is tested against an in-memory device.
 */
import { HidReplyReassembler, nodeHidWritePayload, wrapHidRequest } from './hid-wrap.js';
import type { SamTransport, TransportSink } from './transport.js';
import { hidName, openNodeHid, type HidHandle, type HidOpener, type HidTarget } from '../hid/hid-device.js';

export { openNodeHid, hidName, type HidHandle, type HidOpener, type HidTarget } from '../hid/hid-device.js';

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
      const frame = reassembler.push(report, Date.now());
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
