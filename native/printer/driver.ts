/**
 * The printer conversation on one open transport: DLE EOT status queries (silence means
 * offline, never OK) and the confirmed print (status before → write → status after).
 */
import {
  decodeStatus,
  encodeStatusQuery,
  isValidStatusByte,
  problemOf,
  STATUS_QUERIES,
  type PrinterProblem,
  type PrinterStatusFlags,
  type StatusQuery,
} from './status.js';
import { concat } from './encoder.js';
import type { PrinterTransport } from './transport.js';

export type PrintFailure = PrinterProblem;

/** Structurally the core's PrintOutcome (electron/core/devices/types.ts). */
export type PrintResult =
  | { ok: true; nearEnd: boolean }
  | { ok: false; failure: PrintFailure; message: string; written: boolean };

export interface PrinterDriverOptions {
  /** How long the printer may take to answer a status query. */
  statusTimeoutMs?: number;
}

export class PrinterSilentError extends Error {
  override name = 'PrinterSilentError';
}

const ALL_QUERIES = concat(STATUS_QUERIES.map((n) => encodeStatusQuery(n)));

/** What to tell the installer for each problem, in the log and the admin screen. */
export function problemMessage(problem: PrinterProblem, where: string): string {
  switch (problem) {
    case 'offline':
      return `printer on ${where} is offline or not answering: check its power and cable`;
    case 'cover-open':
      return `printer on ${where} has its cover open: close the cover`;
    case 'paper-out':
      return `printer on ${where} is out of paper: load a new roll`;
    case 'cutter-error':
      return `printer on ${where} reports a cutter error: clear the paper jam at the cutter and close the cover`;
    case 'error':
      return `printer on ${where} reports an error: switch it off and on, then call maintenance if it persists`;
  }
}

export class EscPosPrinterDriver {
  private readonly statusTimeoutMs: number;
  private pending: { replies: number[]; resolve: (replies: number[]) => void } | null = null;
  private readonly detach: () => void;

  constructor(
    readonly transport: PrinterTransport,
    options: PrinterDriverOptions = {},
  ) {
    this.statusTimeoutMs = options.statusTimeoutMs ?? 500;
    this.detach = transport.onData((chunk) => this.receive(chunk));
  }

  dispose(): void {
    this.detach();
  }

  /**
   * Sends DLE EOT 1..4 in one write and waits for the four replies. `extraMs` covers bytes
   * still ahead of the query on the wire. Throws PrinterSilentError when replies are missing.
   */
  async queryStatus(extraMs = 0): Promise<PrinterStatusFlags> {
    if (this.pending) throw new Error('status query already in progress');
    const replies = new Promise<number[]>((resolve) => {
      this.pending = { replies: [], resolve };
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.statusTimeoutMs + extraMs);
    });
    try {
      await this.transport.write(ALL_QUERIES);
      const got = await Promise.race([replies, timeout]);
      if (!got) throw new PrinterSilentError(problemMessage('offline', this.transport.description));
      return decodeStatus(new Map(got.map((b, i) => [(i + 1) as StatusQuery, b])));
    } finally {
      clearTimeout(timer);
      this.pending = null;
    }
  }

  /** Status before (don't print into a known fault), write, then status after (confirm). */
  async print(bytes: Uint8Array): Promise<PrintResult> {
    if (!this.transport.bidirectional) {
      // A write-only device file cannot confirm; the write itself is all we know.
      return this.write(bytes).then((r) => r ?? { ok: true, nearEnd: false });
    }
    const before = await this.status();
    if (before.problem) return { ok: false, failure: before.problem, message: before.message, written: false };
    const writeFailure = await this.write(bytes);
    if (writeFailure) return writeFailure;
    const after = await this.status(this.wireTimeMs(bytes.length));
    if (after.problem) {
      return { ok: false, failure: after.problem, message: `ticket may be incomplete: ${after.message}`, written: true };
    }
    return { ok: true, nearEnd: after.flags?.paperNearEnd ?? false };
  }

  /** Time the bytes need on a serial line (10 bits per byte), plus slack for the printer. */
  wireTimeMs(length: number): number {
    const baud = this.transport.baudRate;
    return baud ? Math.ceil((length * 10 * 1000) / baud) : 0;
  }

  private async status(extraMs = 0): Promise<{ flags: PrinterStatusFlags | null; problem: PrinterProblem | null; message: string }> {
    const where = this.transport.description;
    try {
      const flags = await this.queryStatus(extraMs);
      const problem = problemOf(flags);
      return { flags, problem, message: problem ? problemMessage(problem, where) : 'ok' };
    } catch (err) {
      const message = err instanceof PrinterSilentError ? err.message : `${problemMessage('offline', where)} (${(err as Error).message})`;
      return { flags: null, problem: 'offline', message };
    }
  }

  private async write(bytes: Uint8Array): Promise<Extract<PrintResult, { ok: false }> | null> {
    try {
      await this.transport.write(bytes);
      return null;
    } catch (err) {
      return { ok: false, failure: 'offline', message: (err as Error).message, written: false };
    }
  }

  private receive(chunk: Uint8Array): void {
    const pending = this.pending;
    if (!pending) return; // unsolicited bytes (ASB, noise): nothing is waiting for them
    for (const b of chunk) {
      if (!isValidStatusByte(b)) continue;
      pending.replies.push(b);
      if (pending.replies.length === STATUS_QUERIES.length) {
        pending.resolve(pending.replies);
        return;
      }
    }
  }
}
