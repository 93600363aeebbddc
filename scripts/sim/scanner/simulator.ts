/**
 * A 2D barcode scanner in USB virtual COM mode on the simulator end of a real PTY: each
 * scan is the code's bytes and the terminator, paced like a serial line. The driver
 * opens `devicePath` (a stable symlink) as it would open /dev/ttyACM0. "unplug" closes
 * the simulator's side and removes the path; "replug" brings a fresh PTY back at it.
 */
import type { SerialPort } from '../../../native/serial/serial-port.js';
import type { ScannerTerminator } from '../../../electron/common/config.js';
import { PluggablePty } from '../pty-plug.js';
import { writePaced } from '../paced-writer.js';

export interface ScannerSimulatorOptions {
  terminator?: ScannerTerminator;
  /** Pace bytes at this baud (8N1, 10 bits a byte); default 115200. null: PTY speed. */
  paceBaud?: number | null;
}

const TERMINATOR_BYTES: Record<ScannerTerminator, number[]> = { cr: [0x0d], lf: [0x0a], crlf: [0x0d, 0x0a], any: [0x0d, 0x0a] };

export class ScannerSimulator {
  /** Stable path for the driver; points at the current PTY while plugged in. */
  readonly devicePath: string;
  terminator: ScannerTerminator;
  paceBaud: number | null;
  /** Lines written since start (codes, raw lines, garbage). */
  linesSent = 0;
  private readonly line: PluggablePty;
  private queue: Promise<void> = Promise.resolve();

  private constructor(options: ScannerSimulatorOptions) {
    this.terminator = options.terminator ?? 'cr';
    this.paceBaud = options.paceBaud === undefined ? 115200 : options.paceBaud;
    this.line = new PluggablePty('scanner', 'ttySCANNER');
    this.devicePath = this.line.devicePath;
  }

  static async start(options: ScannerSimulatorOptions = {}): Promise<ScannerSimulator> {
    const sim = new ScannerSimulator(options);
    await sim.plug();
    return sim;
  }

  private get port(): SerialPort | undefined {
    return this.line.port;
  }

  get plugged(): boolean {
    return this.port !== undefined;
  }

  /** Sends one line: the text's UTF-8 bytes and the terminator. */
  sendLine(text: string): Promise<void> {
    return this.send(Uint8Array.from([...Buffer.from(text, 'utf8'), ...TERMINATOR_BYTES[this.terminator]]));
  }

  /** The bytes that end a line as this scanner is set ('any' sends CR LF). */
  terminatorBytes(): Uint8Array {
    return Uint8Array.from(TERMINATOR_BYTES[this.terminator]);
  }

  /** Sends bytes as they are (garbage, half a code). Writes are queued in order. */
  send(bytes: Uint8Array): Promise<void> {
    if (!this.port) return Promise.reject(new Error('the scanner simulator is unplugged: replug it first'));
    const done = this.queue.then(() => this.write(bytes));
    this.queue = done.catch(() => undefined);
    this.linesSent += 1;
    return done;
  }

  /** Half of a code's bytes, then the cable goes. */
  async unplugMidLine(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    await this.send(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
    await this.unplug();
  }

  async plug(): Promise<void> {
    await this.line.plug();
  }

  unplug(): Promise<void> {
    return this.line.unplug();
  }

  async close(): Promise<void> {
    await this.unplug();
    await this.queue.catch(() => undefined);
    this.line.removeFolder();
  }

  /** At PTY speed, or paced at `paceBaud` (paced-writer.ts), each slice written before the next. */
  private async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) return;
    await writePaced(port, bytes, { baud: this.paceBaud, awaitEachWrite: true, connected: () => this.port === port });
  }
}
