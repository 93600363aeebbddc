/**
 * One simulated ESC/POS printer: a controllable state, a parser + paper builder per
 * connection, real-time DLE EOT answers, and the list of cut tickets. Endpoints (PTY,
 * TCP) feed it bytes through `connection()`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeStatusByte, type PrinterStatusFlags, type StatusQuery } from '../../../native/printer/status.js';
import { EscPosStreamParser, type EscPosEvent } from './escpos-parser.js';
import { PaperBuilder, transcript, type CutTicket, type PaperBlock } from './paper.js';
import { renderTicketPng } from './render.js';

export interface SimulatedPrinterState {
  paperNearEnd: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  cutterError: boolean;
  /** Answers DLE EOT with the offline bit set. */
  offline: boolean;
  /** Does not answer at all (unplugged data line, powered off). */
  silent: boolean;
}
export type SimulatedFault = 'paperOut' | 'coverOpen' | 'cutterError' | 'offline' | 'silent';

export const READY_STATE: SimulatedPrinterState = {
  paperNearEnd: false, paperOut: false, coverOpen: false, cutterError: false, offline: false, silent: false,
};

export interface PrintedTicket {
  index: number;
  /** Transcript: printed lines, QR codes as `[QR] payload`. */
  text: string;
  qrPayloads: string[];
  cut: 'full' | 'partial';
  interruptedBy?: string;
  pngPath?: string;
  /** ms (Date.now) when the cut was processed. */
  at: number;
  /** performance.now() when the cut (the ticket's last byte) was processed. */
  cutAt: number;
  blocks: PaperBlock[];
}

export interface PrinterModelOptions {
  paper: 58 | 80;
  /** Where PNGs and transcripts go; none written when null. */
  outputDir: string | null;
}

export interface PrinterStats {
  /** Bytes of print data processed (status queries excluded). */
  printBytes: number;
  statusQueries: number;
  /** performance.now() when the last byte was processed. */
  lastByteAt: number;
}

export class PrinterModel {
  state: SimulatedPrinterState = { ...READY_STATE };
  readonly tickets: PrintedTicket[] = [];
  readonly stats: PrinterStats = { printBytes: 0, statusQueries: 0, lastByteAt: 0 };
  private faultPlan: { afterBytes: number; fault: SimulatedFault } | null = null;
  private readonly ticketWaiters = new Set<() => void>();
  private rendering: Promise<unknown> = Promise.resolve();

  constructor(readonly options: PrinterModelOptions) {
    if (options.outputDir) mkdirSync(options.outputDir, { recursive: true });
  }

  /** A new byte stream (PTY open, TCP connection) with its own parser state. */
  connection(reply: (bytes: Uint8Array) => void): (chunk: Uint8Array) => void {
    const paper = new PaperBuilder((ticket) => this.cut(ticket));
    const parser = new EscPosStreamParser((event) => this.handle(event, paper, reply));
    return (chunk) => {
      parser.push(chunk);
      this.stats.lastByteAt = performance.now();
    };
  }

  /** Sets `fault` once `afterBytes` more print bytes have been processed. */
  faultAfterBytes(afterBytes: number, fault: SimulatedFault): void {
    this.faultPlan = { afterBytes: this.stats.printBytes + afterBytes, fault };
  }

  statusFlags(): PrinterStatusFlags {
    const s = this.state;
    return {
      offline: s.offline, coverOpen: s.coverOpen, paperOut: s.paperOut, paperNearEnd: s.paperNearEnd,
      error: false, cutterError: s.cutterError, unrecoverableError: false, autoRecoverableError: false,
    };
  }

  /** Resolves when at least `count` tickets have been cut and rendered. */
  async waitForTickets(count: number, timeoutMs = 10_000): Promise<PrintedTicket[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.tickets.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`printer simulator: ${this.tickets.length} of ${count} tickets cut within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.ticketWaiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.tickets.slice(0, count);
  }

  /** Waits for PNGs still being written. */
  async settled(): Promise<void> {
    await this.rendering;
  }

  private stopped(): string | null {
    const s = this.state;
    if (s.coverOpen) return 'cover-open';
    if (s.paperOut) return 'paper-out';
    if (s.cutterError) return 'cutter-error';
    if (s.offline || s.silent) return 'offline';
    return null;
  }

  private handle(event: EscPosEvent, paper: PaperBuilder, reply: (bytes: Uint8Array) => void): void {
    if (event.type === 'status-query') {
      this.stats.statusQueries++;
      if (!this.state.silent && event.n >= 1 && event.n <= 4) reply(Uint8Array.of(encodeStatusByte(event.n as StatusQuery, this.statusFlags())));
      return;
    }
    this.stats.printBytes += eventSize(event);
    if (this.faultPlan && this.stats.printBytes >= this.faultPlan.afterBytes) {
      this.state = { ...this.state, [this.faultPlan.fault]: true };
      this.faultPlan = null;
    }
    const stop = this.stopped();
    if (stop && event.type !== 'cut') paper.interrupt(stop);
    if (stop && event.type === 'cut' && !paper.hasContent()) return;
    paper.apply(event);
  }

  private cut(ticket: CutTicket): void {
    const index = this.tickets.length + 1;
    const printed: PrintedTicket = {
      index,
      text: transcript(ticket.blocks),
      qrPayloads: ticket.blocks.flatMap((b) => (b.kind === 'qr' ? [b.payload] : [])),
      cut: ticket.cut,
      at: Date.now(),
      cutAt: performance.now(),
      blocks: ticket.blocks,
    };
    if (ticket.interruptedBy) printed.interruptedBy = ticket.interruptedBy;
    const dir = this.options.outputDir;
    if (!dir) {
      this.tickets.push(printed);
      this.wake();
      return;
    }
    const base = path.join(dir, `ticket-${String(index).padStart(4, '0')}`);
    printed.pngPath = `${base}.png`;
    writeFileSync(`${base}.txt`, printed.text);
    const paperDots = this.options.paper === 58 ? 384 : 576;
    // Rendered one after another so tickets are listed in cut order.
    this.rendering = this.rendering.then(() =>
      renderTicketPng(ticket.blocks, paperDots, ticket.interruptedBy)
        .then((png) => writeFileSync(`${base}.png`, png))
        .catch((err: unknown) => console.error(`printer simulator: cannot render ${base}.png: ${(err as Error).message}`))
        .finally(() => {
          this.tickets.push(printed);
          this.wake();
        }),
    );
  }

  private wake(): void {
    for (const waiter of [...this.ticketWaiters]) waiter();
    this.ticketWaiters.clear();
  }
}

function eventSize(event: EscPosEvent): number {
  switch (event.type) {
    case 'text':
      return event.bytes.length;
    case 'qr-store':
      return event.data.length + 8;
    case 'unknown':
      return event.bytes.length;
    default:
      return 3;
  }
}
