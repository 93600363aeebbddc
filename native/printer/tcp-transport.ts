/** ESC/POS over raw TCP (port 9100, "JetDirect"): bytes in, status bytes back. */
import net from 'node:net';
import { Listeners, TransportError, type PrinterTransport } from './transport.js';

export class TcpPrinterTransport implements PrinterTransport {
  readonly bidirectional = true;
  private socket: net.Socket | null = null;
  private closing = false;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[Error | undefined]>();

  constructor(
    readonly host: string,
    readonly port = 9100,
    readonly connectTimeoutMs = 3000,
  ) {}

  get description(): string {
    return `tcp://${this.host}:${this.port}`;
  }

  async open(): Promise<void> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new TransportError(`printer at ${this.description} did not accept a connection within ${this.connectTimeoutMs} ms: check the network and the printer's IP`));
      }, this.connectTimeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(new TransportError(`cannot connect to printer at ${this.description} (${err.message}): check the network and the printer's IP`));
      });
    });
    socket.setNoDelay(true);
    this.closing = false;
    this.socket = socket;
    socket.on('data', (chunk) => this.data.emit(new Uint8Array(chunk)));
    socket.on('error', () => {
      /* followed by 'close' */
    });
    socket.on('close', () => {
      this.socket = null;
      if (!this.closing) this.closed.emit(new TransportError(`printer at ${this.description} closed the connection`));
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket) throw new TransportError(`printer at ${this.description} is not connected`);
    await new Promise<void>((resolve, reject) =>
      socket.write(bytes, (err) => (err ? reject(new TransportError(`write to printer at ${this.description} failed: ${err.message}`)) : resolve())),
    );
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.closing = true;
    this.socket = null;
    if (socket) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 200).unref();
      });
    }
  }
}
