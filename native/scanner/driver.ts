/**
 * Keeps a 2D barcode scanner connected and turns what it reads into scans: one `scan`
 * event per code, the same code again within `repeatIgnoreMs` of its last reading
 * ignored (a phone held under the scanner is read several times a second), dropped
 * bytes reported as `discard`, and the connection re-opened with backoff (doubling from
 * reconnectMinMs to reconnectMaxMs) when it goes. States are the driver's own; the core
 * maps them to the status bar's DeviceStatus (electron/core/devices/scanner.ts).
 */
import type { ScannerDiscardReason, ScannerTransport } from './transport.js';

export type ScannerState = 'connecting' | 'ready' | 'no-device' | 'reconnecting' | 'stopped';

export interface ScannerDriverStatus {
  state: ScannerState;
  /** One plain sentence saying what to do. */
  message: string;
  port: string;
}

export interface ScannerDriverOptions {
  /** Makes a fresh transport for each connection attempt. */
  transport: () => ScannerTransport;
  /** The same code within this long of its last reading is one scan (default 3000 ms). */
  repeatIgnoreMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  now?: () => number;
}

export interface ScanRead {
  text: string;
  at: number;
}

export interface ScannerDriverEvents {
  status: ScannerDriverStatus;
  scan: ScanRead;
  /** A repeat of the last code, ignored (for diagnostics: no text). */
  repeat: { at: number };
  discard: { reason: ScannerDiscardReason; bytes: number; detail: string };
}
type Listeners = { [K in keyof ScannerDriverEvents]: Set<(value: ScannerDriverEvents[K]) => void> };

export class ScannerDriver {
  private readonly listeners: Listeners = { status: new Set(), scan: new Set(), repeat: new Set(), discard: new Set() };
  private readonly repeatIgnoreMs: number;
  private readonly reconnectMinMs: number;
  private readonly reconnectMaxMs: number;
  private readonly now: () => number;
  private current: ScannerDriverStatus;
  private running = false;
  private loop: Promise<void> | undefined;
  private transport: ScannerTransport | undefined;
  private wake: (() => void) | undefined;
  private lost: Error | undefined;
  private everReady = false;
  /** The last code read and when it was last seen (in memory only, forgotten after the window). */
  private last: { text: string; seenAt: number } | undefined;
  private readonly description: string;

  constructor(private readonly options: ScannerDriverOptions) {
    this.repeatIgnoreMs = options.repeatIgnoreMs ?? 3000;
    this.reconnectMinMs = options.reconnectMinMs ?? 250;
    this.reconnectMaxMs = options.reconnectMaxMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.description = options.transport().description;
    this.current = { state: 'stopped', message: `code scanner on ${this.description} not started`, port: this.description };
  }

  on<K extends keyof ScannerDriverEvents>(event: K, listener: (value: ScannerDriverEvents[K]) => void): () => void {
    const set = this.listeners[event] as Set<(value: ScannerDriverEvents[K]) => void>;
    set.add(listener);
    return () => set.delete(listener);
  }

  status(): ScannerDriverStatus {
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setStatus('connecting', `connecting to the code scanner on ${this.description}`);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.last = undefined;
    this.setStatus('stopped', `code scanner on ${this.description} stopped`);
  }

  private async run(): Promise<void> {
    let backoff = this.reconnectMinMs;
    while (this.running) {
      const transport = this.options.transport();
      this.lost = undefined;
      try {
        await transport.open({
          code: (text) => this.code(text),
          discard: (reason, bytes, detail) => this.emit('discard', { reason, bytes, detail }),
          closed: (reason) => {
            this.lost = reason;
            this.wake?.();
          },
        });
      } catch (err) {
        await transport.close().catch(() => undefined);
        const message = (err as Error).message;
        this.setStatus(this.everReady ? 'reconnecting' : 'no-device', message);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.reconnectMaxMs);
        continue;
      }
      this.transport = transport;
      this.everReady = true;
      backoff = this.reconnectMinMs;
      this.setStatus('ready', `code scanner on ${this.description} ready`);
      while (this.running && !this.lost) await this.sleep(Infinity);
      this.transport = undefined;
      await transport.close().catch(() => undefined);
      if (!this.running) break;
      const lost = this.lost as Error | undefined; // set by the sink's closed() while the loop slept
      this.setStatus('reconnecting', lost?.message ?? `code scanner on ${this.description} lost`);
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, this.reconnectMaxMs);
    }
  }

  private code(text: string): void {
    const at = this.now();
    const last = this.last;
    if (last && last.text === text && at - last.seenAt < this.repeatIgnoreMs) {
      last.seenAt = at; // held under the scanner: still the same scan
      this.emit('repeat', { at });
      return;
    }
    this.last = { text, seenAt: at };
    this.emit('scan', { text, at });
  }

  private setStatus(state: ScannerState, message: string): void {
    if (this.current.state === state && this.current.message === message) return;
    this.current = { state, message, port: this.description };
    this.emit('status', this.current);
  }

  /** A listener's bug must not stop the scanner. */
  private emit<K extends keyof ScannerDriverEvents>(event: K, value: ScannerDriverEvents[K]): void {
    for (const listener of [...this.listeners[event]]) {
      try {
        (listener as (v: ScannerDriverEvents[K]) => void)(value);
      } catch (err) {
        console.error(`scanner ${event} listener failed:`, err);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      function done() {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
