/**
 * Keeps one printer usable: opens the transport, reconnects with backoff when it drops,
 * polls status while idle, and runs print jobs one at a time. Publishes DeviceStatus:
 * paper near end → 'attention' / 'paper-near-end'; faults → 'fault' / <problem>.
 */
import type { DeviceStatus } from '../../electron/common/device-status.js';
import { EscPosPrinterDriver, PrinterSilentError, problemMessage, type PrintResult } from './driver.js';
import { problemOf, type PrinterStatusFlags } from './status.js';
import { Listeners, type PrinterTransport } from './transport.js';

export interface PrinterSupervisorOptions {
  statusTimeoutMs?: number;
  /** Status poll while idle; 0 disables polling. */
  pollIntervalMs?: number;
  /** First reconnect delay, doubled up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

export class PrinterSupervisor {
  private driver: EscPosPrinterDriver | null = null;
  private current: DeviceStatus;
  private readonly listeners = new Listeners<[DeviceStatus]>();
  private running = false;
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private unsubscribeClose: (() => void) | null = null;
  /** Serialises jobs and polls: a status query must never interleave with a job. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly options: Required<PrinterSupervisorOptions>;

  constructor(
    private readonly transport: PrinterTransport,
    options: PrinterSupervisorOptions = {},
  ) {
    this.options = {
      statusTimeoutMs: options.statusTimeoutMs ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 5000,
      minBackoffMs: options.minBackoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 5000,
      now: options.now ?? Date.now,
    };
    this.backoffMs = this.options.minBackoffMs;
    this.current = this.make('no-device', 'not-started', `printer on ${transport.description} not started`);
  }

  status(): DeviceStatus {
    return this.current;
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Resolves after the first connection attempt, whatever its result; retries go on behind. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.reconnectTimer = null;
    this.pollTimer = null;
    await this.queue.catch(() => undefined);
    this.release();
    await this.transport.close();
  }

  /** Runs one confirmed print; waits behind any job or poll in progress. */
  print(bytes: Uint8Array): Promise<PrintResult> {
    return this.serial(async () => {
      const driver = this.driver;
      if (!driver) {
        const message = `${problemMessage('offline', this.transport.description)} (${this.current.message})`;
        return { ok: false, failure: 'offline', message, written: false } satisfies PrintResult;
      }
      const result = await driver.print(bytes);
      if (result.ok) this.publishFlags({ paperNearEnd: result.nearEnd });
      else this.publish(this.make(result.failure === 'offline' ? 'no-device' : 'fault', result.failure, result.message));
      return result;
    });
  }

  /** Queries status now (also what the idle poll does). Null when not connected or silent. */
  refresh(): Promise<PrinterStatusFlags | null> {
    return this.serial(async () => {
      const driver = this.driver;
      if (!driver || !this.transport.bidirectional) return null;
      try {
        const flags = await driver.queryStatus();
        this.publishFlags(flags);
        return flags;
      } catch (err) {
        const message = err instanceof PrinterSilentError ? err.message : (err as Error).message;
        this.publish(this.make('no-device', 'offline', message));
        return null;
      }
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = null;
    if (!this.running) return;
    try {
      await this.transport.open();
    } catch (err) {
      this.publish(this.make(this.current.state === 'no-device' ? 'no-device' : 'reconnecting', 'not-found', (err as Error).message));
      this.scheduleReconnect();
      return;
    }
    if (!this.running) {
      await this.transport.close();
      return;
    }
    this.backoffMs = this.options.minBackoffMs;
    this.driver = new EscPosPrinterDriver(this.transport, { statusTimeoutMs: this.options.statusTimeoutMs });
    this.unsubscribeClose = this.transport.onClose((error) => this.lost(error));
    if (this.transport.bidirectional) await this.refresh();
    else this.publish(this.make('ready', undefined, `printer on ${this.transport.description} open (write-only: no status)`));
    if (this.options.pollIntervalMs > 0 && !this.pollTimer) {
      this.pollTimer = setInterval(() => void this.refresh(), this.options.pollIntervalMs);
      this.pollTimer.unref();
    }
  }

  private lost(error?: Error): void {
    this.release();
    if (!this.running) return;
    this.publish(this.make('reconnecting', 'disconnected', `${error?.message ?? 'link lost'}: reconnecting`));
    this.scheduleReconnect();
  }

  private release(): void {
    this.unsubscribeClose?.();
    this.unsubscribeClose = null;
    this.driver?.dispose();
    this.driver = null;
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }

  private publishFlags(flags: Partial<PrinterStatusFlags>): void {
    const full: PrinterStatusFlags = {
      offline: false, coverOpen: false, paperOut: false, paperNearEnd: false,
      error: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false,
      ...flags,
    };
    const problem = problemOf(full);
    const where = this.transport.description;
    if (problem) this.publish(this.make('fault', problem, problemMessage(problem, where)));
    else if (full.paperNearEnd) this.publish(this.make('attention', 'paper-near-end', `printer on ${where} is near the end of its paper roll: replace the roll soon`));
    else this.publish(this.make('ready', undefined, `printer on ${where} ready`));
  }

  private publish(status: DeviceStatus): void {
    const previous = this.current;
    this.current = status;
    if (previous.state !== status.state || previous.code !== status.code) this.listeners.emit(status);
  }

  private make(state: DeviceStatus['state'], code: string | undefined, message: string): DeviceStatus {
    const status: DeviceStatus = { device: 'printer', state, message, port: this.transport.description, at: this.options.now() };
    if (code) status.code = code;
    return status;
  }
}
