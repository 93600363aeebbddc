/**
 * A scanner in USB HID-POS mode (usage page 0x8C), through the thin node-hid binding
 * (native/hid/hid-device.ts) so the report reassembly is tested against in-memory devices.
 */
import { hidName, openNodeHid, type HidHandle, type HidOpener, type HidTarget } from '../hid/hid-device.js';
import { HidPosReassembler, type HidPosEvent, type HidPosOptions } from './hid-pos.js';
import { ExpiryTimer, type ScannerSink, type ScannerTransport } from './transport.js';

export class HidPosScannerTransport implements ScannerTransport {
  readonly description: string;
  private handle: HidHandle | undefined;
  private closing = false;
  private timer: ExpiryTimer | undefined;

  constructor(
    private readonly target: HidTarget,
    private readonly opener: HidOpener = openNodeHid,
    private readonly options: HidPosOptions = {},
  ) {
    this.description = hidName(target);
  }

  async open(sink: ScannerSink): Promise<void> {
    let handle: HidHandle;
    try {
      handle = await this.opener(this.target);
    } catch (err) {
      throw new Error(`cannot open the code scanner ${this.description} (${(err as Error).message}): check the cable and that the scanner is in HID-POS mode`);
    }
    this.handle = handle;
    const reassembler = new HidPosReassembler(this.options);
    const deliver = (events: HidPosEvent[]) => {
      for (const e of events) {
        if (e.type === 'code') sink.code(e.text);
        else sink.discard(e.reason, e.bytes, e.detail);
      }
      this.timer?.update(reassembler.buffered > 0);
    };
    this.timer = new ExpiryTimer(reassembler.continuationTimeoutMs, () => deliver(reassembler.expire(Date.now())));
    handle.on('data', (report) => deliver(reassembler.push(new Uint8Array(report), Date.now())));
    handle.on('error', (error) => {
      if (this.closing) return;
      this.timer?.cancel();
      const held = reassembler.reset();
      if (held > 0) sink.discard('unplugged', held, `part of a code (${held} bytes) when the connection went`);
      sink.closed(new Error(`code scanner ${this.description} disconnected (${error.message}): check the USB cable`));
    });
  }

  close(): Promise<void> {
    this.closing = true;
    this.timer?.cancel();
    try {
      this.handle?.close();
    } catch {
      // Already gone (unplugged): nothing left to release.
    }
    this.handle = undefined;
    return Promise.resolve();
  }
}
