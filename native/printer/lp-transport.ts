/**
 * ESC/POS through a USB printer-class device file (/dev/usb/lp0): a plain file write.
 * Some printers answer DLE EOT through the same file; the file is opened non-blocking
 * and polled so a printer that never answers cannot pin a libuv thread.
 */
import { constants, promises as fs } from 'node:fs';
import { Listeners, TransportError, type PrinterTransport } from './transport.js';

export interface LpTransportOptions {
  /** Whether to read status replies back (only some printers support it). Default true. */
  bidirectional?: boolean;
  pollIntervalMs?: number;
}

export class LpPrinterTransport implements PrinterTransport {
  readonly bidirectional: boolean;
  private handle: fs.FileHandle | null = null;
  private poller: NodeJS.Timeout | null = null;
  private reading = false;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[Error | undefined]>();
  private readonly pollIntervalMs: number;

  constructor(
    readonly path: string,
    options: LpTransportOptions = {},
  ) {
    this.bidirectional = options.bidirectional ?? true;
    this.pollIntervalMs = options.pollIntervalMs ?? 5;
  }

  get description(): string {
    return this.path;
  }

  async open(): Promise<void> {
    const flags = (this.bidirectional ? constants.O_RDWR : constants.O_WRONLY) | constants.O_NONBLOCK | constants.O_NOCTTY;
    try {
      this.handle = await fs.open(this.path, flags);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const hint = code === 'EACCES' ? 'add the kiosk user to the lp group' : 'check the USB cable and that the printer is on';
      throw new TransportError(`cannot open printer device ${this.path} (${code ?? String(err)}): ${hint}`);
    }
    if (this.bidirectional) this.poller = setInterval(() => void this.poll(), this.pollIntervalMs);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new TransportError(`printer device ${this.path} is not open`);
    let offset = 0;
    while (offset < bytes.length) {
      try {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          await new Promise((r) => setTimeout(r, this.pollIntervalMs));
          continue;
        }
        this.fail(new TransportError(`write to printer device ${this.path} failed (${code ?? String(err)}): check the USB cable`));
        throw new TransportError(`write to printer device ${this.path} failed (${code ?? String(err)}): check the USB cable`);
      }
    }
  }

  private async poll(): Promise<void> {
    const handle = this.handle;
    if (!handle || this.reading) return;
    this.reading = true;
    try {
      const buffer = Buffer.alloc(64);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead > 0) this.data.emit(new Uint8Array(buffer.subarray(0, bytesRead)));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') this.fail(new TransportError(`printer device ${this.path} went away (${code ?? String(err)})`));
    } finally {
      this.reading = false;
    }
  }

  private fail(error: Error): void {
    if (!this.handle) return;
    void this.release();
    this.closed.emit(error);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    await this.release();
  }

  private async release(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }
}
