/** The framed reader's bytes over a serial line (serialport). */
import { SerialPort } from '../serial/serial-port.js';
import { CitizenCardError } from './errors.js';
import type { ByteLink, ByteLinkEvents } from './byte-link.js';

export class SerialLink implements ByteLink {
  private port: SerialPort | undefined;

  constructor(
    private readonly path: string,
    private readonly baudRate = 115200,
  ) {}

  get location(): string {
    return this.path;
  }

  async open(events: ByteLinkEvents): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((err) =>
        err
          ? reject(new CitizenCardError('reader-unavailable', `citizen-card reader on ${this.path} cannot be opened (${err.message}): check the cable and devices.citizencard.port`))
          : resolve(),
      ),
    );
    this.port = port;
    port.on('data', (chunk: Buffer) => events.data(new Uint8Array(chunk)));
    port.on('close', () => events.closed(`citizen-card reader on ${this.path} was disconnected: check the cable`));
    port.on('error', (err: Error) => events.closed(`citizen-card reader on ${this.path} failed (${err.message}): check the cable`));
  }

  write(bytes: Uint8Array): void {
    if (!this.port) throw new CitizenCardError('reader-unavailable', `citizen-card reader on ${this.path} is not open`);
    this.port.write(Buffer.from(bytes));
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
