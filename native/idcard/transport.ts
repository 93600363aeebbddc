/**
 * The byte pipe under the driver. A transport opens one connection; the driver makes
 * a new one (through its factory) for every reconnect attempt.
 */
import { SerialPort } from '../serial/serial-port.js';

export interface TransportSink {
  /** Raw SAM-protocol bytes from the reader (HID transports unwrap reports first). */
  data(chunk: Uint8Array): void;
  /** The connection is gone (unplug, port error, closed by the other side). */
  closed(reason: Error | undefined): void;
}

export interface SamTransport {
  /** Where the reader is, for messages: '/dev/ttyUSB0', 'hid 10c4:0007'. */
  readonly description: string;
  open(sink: TransportSink): Promise<void>;
  write(frame: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface SerialTransportOptions {
  path: string;
  baud?: number;
}

export class SerialTransport implements SamTransport {
  readonly description: string;
  private port: SerialPort | undefined;
  private closing = false;

  constructor(private readonly options: SerialTransportOptions) {
    this.description = options.path;
  }

  open(sink: TransportSink): Promise<void> {
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baud ?? 115200, autoOpen: false });
    this.port = port;
    return new Promise((resolve, reject) => {
      port.open((err) => {
        if (err) {
          reject(new Error(`cannot open ID reader on ${this.options.path} (${err.message}): check the cable and the port name`));
          return;
        }
        let reported = false;
        const gone = (reason: Error | undefined) => {
          if (reported || this.closing) return;
          reported = true;
          sink.closed(reason);
        };
        port.on('data', (chunk: Buffer) => sink.data(chunk));
        const lost = (why: string) => new Error(`ID reader on ${this.options.path} disconnected (${why}): check the USB cable`);
        port.on('close', (e: Error | null) => gone(lost(e?.message ?? 'port closed')));
        port.on('error', (e: Error) => gone(lost(e.message)));
        port.on('end', () => gone(lost('end of stream')));
        resolve();
      });
    });
  }

  write(frame: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new Error(`ID reader on ${this.options.path} is not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(frame), (err) => (err ? reject(err) : resolve()));
    });
  }

  close(): Promise<void> {
    this.closing = true;
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
