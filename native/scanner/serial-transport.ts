/**
 * A scanner in USB virtual COM mode (a CDC-ACM or USB-serial port), over serialport.
 * The kiosk never writes to a scanner, so no failed write tells it the cable went: besides
 * the port's close/error events it checks every presenceCheckMs that the device node is
 * still there (unplugging a USB scanner removes /dev/ttyACM0; the simulator removes its
 * path), since a hang-up is not always reported to a port that is only read.
 */
import { stat } from 'node:fs/promises';
import { SerialPort } from '../serial/serial-port.js';
import { LineFramer, type LineFramerEvent, type LineFramerOptions } from './line-framer.js';
import { ExpiryTimer, type ScannerSink, type ScannerTransport } from './transport.js';

export interface SerialScannerOptions extends LineFramerOptions {
  path: string;
  /** A CDC-ACM port ignores it; a USB-serial bridge needs the scanner's (default 115200). */
  baud?: number;
  /** How often the device node's presence is checked (default 1000 ms). */
  presenceCheckMs?: number;
}

export class SerialScannerTransport implements ScannerTransport {
  readonly description: string;
  private port: SerialPort | undefined;
  private closing = false;
  private timer: ExpiryTimer | undefined;
  private presence: NodeJS.Timeout | undefined;

  constructor(private readonly options: SerialScannerOptions) {
    this.description = options.path;
  }

  open(sink: ScannerSink): Promise<void> {
    const { path } = this.options;
    const port = new SerialPort({ path, baudRate: this.options.baud ?? 115200, autoOpen: false });
    this.port = port;
    const framer = new LineFramer(this.options);
    const deliver = (events: LineFramerEvent[]) => {
      for (const e of events) {
        if (e.type === 'code') sink.code(e.text);
        else sink.discard(e.reason, e.bytes, e.detail);
      }
      this.timer?.update(framer.buffered > 0);
    };
    this.timer = new ExpiryTimer(framer.lineTimeoutMs, () => deliver(framer.expire(Date.now())));
    return new Promise((resolve, reject) => {
      port.open((err) => {
        if (err) {
          reject(new Error(`cannot open the code scanner on ${path} (${err.message}): check the cable, the port name, and that the scanner is in USB-COM mode`));
          return;
        }
        let reported = false;
        const gone = (why: string) => {
          if (reported || this.closing) return;
          reported = true;
          this.timer?.cancel();
          clearInterval(this.presence);
          const held = framer.reset();
          if (held > 0) sink.discard('unplugged', held, `half a code (${held} bytes) when the connection went`);
          sink.closed(new Error(`code scanner on ${path} disconnected (${why}): check the USB cable`));
        };
        port.on('data', (chunk: Buffer) => deliver(framer.push(chunk, Date.now())));
        port.on('close', (e: Error | null) => gone(e?.message ?? 'port closed'));
        port.on('error', (e: Error) => gone(e.message));
        port.on('end', () => gone('end of stream'));
        this.presence = setInterval(() => {
          stat(path).catch(() => gone('the device node is gone'));
        }, this.options.presenceCheckMs ?? 1000);
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.closing = true;
    this.timer?.cancel();
    clearInterval(this.presence);
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
