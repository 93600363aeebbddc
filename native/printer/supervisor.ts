/**
 * Keeps one printer usable: opens the transport, reconnects with backoff when it drops,
 * polls status while idle, and runs print jobs one at a time. Publishes its own typed
 * PrinterSupervisorStatus (the core maps it to the status bar's DeviceStatus, as for
 * every driver: electron/core/devices/printer.ts).
 */
import type { PrinterProblem } from './status.js';
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

/**
 * not-started; ready (status answered); write-only (open, the link gives no status);
 * not-found (never opened); offline (open but silent); reconnecting (was open, lost);
 * fault (a problem: cover open, paper out, cutter…); paper-near-end (usable, staff soon).
 */
export type PrinterSupervisorState = 'not-started' | 'ready' | 'write-only' | 'not-found' | 'offline' | 'reconnecting' | 'fault' | 'paper-near-end';

export interface PrinterSupervisorStatus {
  state: PrinterSupervisorState;
  /** For fault: which problem; for reconnecting: why ('disconnected', 'not-found'). */
  problem?: PrinterProblem | 'disconnected' | 'not-found';
  /** One plain sentence saying what to do. */
  message: string;
  port: string;
  at: number;
}

export class PrinterSupervisor {
  private driver: EscPosPrinterDriver | null = null;
  private current: PrinterSupervisorStatus;
  private readonly listeners = new Listeners<[PrinterSupervisorStatus]>();
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
    this.current = this.make('not-started', undefined, `printer on ${transport.description} not started`);
  }

  status(): PrinterSupervisorStatus {
    return this.current;
  }

  onStatus(listener: (status: PrinterSupervisorStatus) => void): () => void {
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
      else if (result.failure === 'offline') this.publish(this.make('offline', undefined, result.message));
      else this.publish(this.make('fault', result.failure, result.message));
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
        this.publish(this.make('offline', undefined, message));
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
      const everOpen = this.current.state !== 'not-started' && this.current.state !== 'not-found';
      this.publish(everOpen ? this.make('reconnecting', 'not-found', (err as Error).message) : this.make('not-found', undefined, (err as Error).message));
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
    else this.publish(this.make('write-only', undefined, `printer on ${this.transport.description} open (write-only: no status)`));
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
    else if (full.paperNearEnd) this.publish(this.make('paper-near-end', undefined, `printer on ${where} is near the end of its paper roll: replace the roll soon`));
    else this.publish(this.make('ready', undefined, `printer on ${where} ready`));
  }

  private publish(status: PrinterSupervisorStatus): void {
    const previous = this.current;
    this.current = status;
    if (previous.state !== status.state || previous.problem !== status.problem) this.listeners.emit(status);
  }

  private make(state: PrinterSupervisorState, problem: PrinterSupervisorStatus['problem'], message: string): PrinterSupervisorStatus {
    const status: PrinterSupervisorStatus = { state, message, port: this.transport.description, at: this.options.now() };
    if (problem) status.problem = problem;
    return status;
  }
}
