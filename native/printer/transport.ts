/**
 * The thin byte pipe under the printer driver. Serial, USB printer device files and raw
 * TCP 9100 all look the same to the driver: open, write (resolved once handed to the OS),
 * incoming bytes (status replies), and a close notice when the link drops.
 */
export interface PrinterTransport {
  /** Where the printer is, for status and errors: '/dev/ttyUSB0', 'tcp://10.0.0.5:9100'. */
  readonly description: string;
  /** Whether the printer can answer DLE EOT over this link (false: write-only lp device). */
  readonly bidirectional: boolean;
  /** Line rate in bits/s for wire-time allowances, when the link has one (serial). */
  readonly baudRate?: number;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Fired once when the link closes on its own (unplug, peer reset), not after close(). */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

export class TransportError extends Error {
  override name = 'TransportError';
}

/** Small listener registry shared by the transports. */
export class Listeners<T extends unknown[]> {
  private readonly set = new Set<(...args: T) => void>();
  add(listener: (...args: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(...args: T): void {
    for (const listener of [...this.set]) listener(...args);
  }
}
