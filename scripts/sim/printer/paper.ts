/**
 * What the simulated print head puts on paper: turns parser events into lines of styled
 * text and QR codes, and closes a ticket at each cut.
 */
import { decodeGb } from '../../../native/text/gb-text.js';
import type { EscPosEvent } from './escpos-parser.js';

export type Align = 'left' | 'center' | 'right';

export interface TextSpan {
  text: string;
  bold: boolean;
  underline: boolean;
  width: number;
  height: number;
}

export type PaperBlock =
  | { kind: 'line'; align: Align; spans: TextSpan[] }
  | { kind: 'qr'; align: Align; payload: string; bytes: Uint8Array; moduleSize: number; level: 'L' | 'M' | 'Q' | 'H' }
  | { kind: 'feed'; lines: number };

export interface CutTicket {
  blocks: PaperBlock[];
  cut: 'full' | 'partial';
  /** Set when a fault stopped the head before the cut: the ticket is incomplete. */
  interruptedBy?: string;
}

interface Style {
  align: Align;
  bold: boolean;
  underline: boolean;
  width: number;
  height: number;
  chinese: boolean;
}

const RESET: Style = { align: 'left', bold: false, underline: false, width: 1, height: 1, chinese: false };

export class PaperBuilder {
  private style: Style = { ...RESET };
  private blocks: PaperBlock[] = [];
  private lineSpans: TextSpan[] = [];
  private lineAlign: Align | null = null;
  private rawText: number[] = [];
  private qr: { size: number; level: 'L' | 'M' | 'Q' | 'H'; data: Uint8Array | null } = { size: 3, level: 'L', data: null };
  private interruptedBy: string | undefined;

  constructor(private readonly onCut: (ticket: CutTicket) => void) {}

  /** A fault stopped the mechanism: what follows until the cut is lost. */
  interrupt(reason: string): void {
    this.interruptedBy ??= reason;
  }

  hasContent(): boolean {
    return this.blocks.length > 0 || this.lineSpans.length > 0 || this.rawText.length > 0;
  }

  apply(event: EscPosEvent): void {
    if (this.interruptedBy && event.type !== 'cut') return;
    switch (event.type) {
      case 'init':
        this.flushSpan();
        this.style = { ...RESET };
        return;
      case 'chinese':
        this.restyle({ chinese: event.on });
        return;
      case 'align':
        this.style.align = event.align;
        return;
      case 'bold':
        this.restyle({ bold: event.on });
        return;
      case 'underline':
        this.restyle({ underline: event.on });
        return;
      case 'size':
        this.restyle({ width: event.width, height: event.height });
        return;
      case 'text':
        this.lineAlign ??= this.style.align; // ESC a takes effect at the start of a line
        this.rawText.push(...event.bytes);
        return;
      case 'newline':
        this.flushLine();
        return;
      case 'feed':
        this.flushLine(false);
        if (event.lines > 0) this.blocks.push({ kind: 'feed', lines: event.lines });
        return;
      case 'qr-size':
        this.qr.size = event.size;
        return;
      case 'qr-level':
        this.qr.level = event.level;
        return;
      case 'qr-store':
        this.qr.data = event.data;
        return;
      case 'qr-print':
        this.printQr();
        return;
      case 'cut':
        this.cut(event.full);
        return;
      default:
        return;
    }
  }

  private restyle(patch: Partial<Style>): void {
    this.flushSpan();
    this.style = { ...this.style, ...patch };
  }

  private flushSpan(): void {
    if (this.rawText.length === 0) return;
    const bytes = Buffer.from(this.rawText);
    this.rawText = [];
    const text = this.style.chinese ? decodeGb(bytes) : bytes.toString('latin1');
    const { bold, underline, width, height } = this.style;
    this.lineSpans.push({ text, bold, underline, width, height });
  }

  /** LF prints the line buffer (an empty one feeds a blank line). */
  private flushLine(blankIfEmpty = true): void {
    this.flushSpan();
    if (this.lineSpans.length > 0 || blankIfEmpty) {
      this.blocks.push({ kind: 'line', align: this.lineAlign ?? this.style.align, spans: this.lineSpans });
    }
    this.lineSpans = [];
    this.lineAlign = null;
  }

  private printQr(): void {
    if (!this.qr.data) return;
    if (this.lineSpans.length > 0 || this.rawText.length > 0) this.flushLine(false);
    const bytes = this.qr.data;
    this.blocks.push({
      kind: 'qr',
      align: this.style.align,
      payload: decodeGb(bytes),
      bytes,
      moduleSize: this.qr.size,
      level: this.qr.level,
    });
  }

  private cut(full: boolean): void {
    if (this.lineSpans.length > 0 || this.rawText.length > 0) this.flushLine(false);
    const ticket: CutTicket = { blocks: this.blocks, cut: full ? 'full' : 'partial' };
    if (this.interruptedBy) ticket.interruptedBy = this.interruptedBy;
    this.blocks = [];
    this.interruptedBy = undefined;
    this.onCut(ticket);
  }
}

/** Plain-text transcript: one line per printed line, QR codes as `[QR] payload`. */
export function transcript(blocks: readonly PaperBlock[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'line') lines.push(block.spans.map((s) => s.text).join('').trimEnd());
    else if (block.kind === 'qr') lines.push(`[QR] ${block.payload}`);
    else for (let i = 0; i < block.lines; i++) lines.push('');
  }
  return lines.join('\n');
}
