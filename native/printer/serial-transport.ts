/** ESC/POS over a serial line (USB-serial adapters, RS-232) with `serialport`. */
import { SerialPort } from '../serial/serial-port.js';
import { Listeners, TransportError, type PrinterTransport } from './transport.js';

export class SerialPrinterTransport implements PrinterTransport {
  readonly bidirectional = true;
  private port: SerialPort | null = null;
  private closing = false;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[Error | undefined]>();

  constructor(
    readonly path: string,
    readonly baudRate = 115200,
  ) {}

  get description(): string {
    return this.path;
  }

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((err) =>
        err ? reject(new TransportError(`cannot open printer port ${this.path} (${err.message}): check the cable and the port name`)) : resolve(),
      ),
    );
    this.closing = false;
    this.port = port;
    port.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)));
    port.on('close', (err?: Error | null) => {
      this.port = null;
      if (!this.closing) this.closed.emit(err ?? new TransportError(`printer port ${this.path} closed`));
    });
    port.on('error', () => {
      /* reported through 'close' or the failing write */
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) throw new TransportError(`printer port ${this.path} is not open`);
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (err) => {
        if (err) reject(new TransportError(`write to printer on ${this.path} failed: ${err.message}`));
      });
      // drain: resolved once the OS has the bytes (the kernel still paces them on the wire).
      port.drain((err) => (err ? reject(new TransportError(`write to printer on ${this.path} failed: ${err.message}`)) : resolve()));
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.closing = true;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
