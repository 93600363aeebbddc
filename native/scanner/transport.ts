/**
 * Where a scanner's codes come from. A transport opens one connection and frames what
 * arrives (lines over serial, reports over HID-POS) into codes; the driver makes a new
 * transport (through its factory) for every reconnect attempt. A scanner only talks:
 * the kiosk never writes to it.
 */

export type ScannerDiscardReason = 'garbage' | 'overlong' | 'timeout' | 'bad-report' | 'unplugged';

export interface ScannerSink {
  /** One whole code, as text. */
  code(text: string): void;
  /** Bytes dropped, and why (never the bytes themselves: a code may carry a token). */
  discard(reason: ScannerDiscardReason, bytes: number, detail: string): void;
  /** The connection is gone (unplug, port error, closed by the other side). */
  closed(reason: Error): void;
}

export interface ScannerTransport {
  /** Where the scanner is, for messages: '/dev/ttyACM0', 'hid 0c2e:0b8f'. */
  readonly description: string;
  open(sink: ScannerSink): Promise<void>;
  close(): Promise<void>;
}

/** Runs `expire` once the framer has held a half code for its timeout (Node timers). */
export class ExpiryTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly expire: () => void,
  ) {}

  /** Re-arms while something is held; disarms when nothing is. */
  update(holding: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = holding ? setTimeout(() => this.expire(), this.timeoutMs + 1) : undefined;
  }

  cancel(): void {
    this.update(false);
  }
}
