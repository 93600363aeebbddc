/**
 * Line framing for a scanner in USB virtual COM mode: one code per line, ended by CR,
 * LF, CR LF or any run of them (the scanner's programming codes choose; the config
 * says which). Pure: chunks and the time in, codes and discards out.
 *
 * - A line split across chunks is held until its terminator.
 * - A line with a control byte (0x00–0x1F other than the terminator, 0x7F) or invalid
 *   UTF-8 is line noise or a wrongly set terminator: dropped and reported as garbage.
 * - A line longer than `maxLineBytes` is dropped up to the next terminator (the buffer is
 *   bounded) and reported once as overlong.
 * - A half line with no byte for `lineTimeoutMs` (the cable pulled mid-code) is dropped
 *   and reported as a timeout; `expire(now)` checks that, the driver calls it on a timer.
 * Empty lines (CR LF under 'any', a stray terminator) are skipped silently. A delivered
 * or dropped line is zeroed in the buffer: a code may carry an identity token.
 */

export type LineTerminator = 'cr' | 'lf' | 'crlf' | 'any';

export type LineDiscardReason = 'garbage' | 'overlong' | 'timeout';

export type LineFramerEvent =
  | { type: 'code'; text: string }
  | { type: 'discard'; reason: LineDiscardReason; bytes: number; detail: string };

export interface LineFramerOptions {
  terminator?: LineTerminator;
  /** Longest line accepted (bytes, without the terminator). */
  maxLineBytes?: number;
  /** A half line is dropped when no byte arrives for this long. */
  lineTimeoutMs?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 1024;
export const DEFAULT_LINE_TIMEOUT_MS = 500;

const CR = 0x0d;
const LF = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class LineFramer {
  readonly terminator: LineTerminator;
  readonly maxLineBytes: number;
  readonly lineTimeoutMs: number;
  private readonly buffer: Uint8Array;
  private length = 0;
  /** Bytes of an overlong line dropped so far; >0 until its terminator arrives. */
  private overflow = 0;
  /** crlf mode: a CR was the last byte, its LF may come in the next chunk. */
  private pendingCr = false;
  private lastByteAt = 0;

  constructor(options: LineFramerOptions = {}) {
    this.terminator = options.terminator ?? 'any';
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.lineTimeoutMs = options.lineTimeoutMs ?? DEFAULT_LINE_TIMEOUT_MS;
    this.buffer = new Uint8Array(this.maxLineBytes);
  }

  /** Bytes of a half line held back (0 between codes). */
  get buffered(): number {
    return this.length + this.overflow + (this.pendingCr ? 1 : 0);
  }

  push(chunk: Uint8Array, now: number): LineFramerEvent[] {
    const events = this.expire(now);
    for (const byte of chunk) this.byte(byte, events);
    if (chunk.length > 0) this.lastByteAt = now;
    return events;
  }

  /** Drops a half line that has waited longer than lineTimeoutMs since its last byte. */
  expire(now: number): LineFramerEvent[] {
    if (this.buffered === 0 || now - this.lastByteAt < this.lineTimeoutMs) return [];
    const bytes = this.buffered;
    this.clear();
    return [{ type: 'discard', reason: 'timeout', bytes, detail: `half a code (${bytes} bytes) and then nothing for ${this.lineTimeoutMs} ms` }];
  }

  /** Drops whatever is held (the connection closed); returns how many bytes. */
  reset(): number {
    const bytes = this.buffered;
    this.clear();
    return bytes;
  }

  /** A copy of the internal buffer, for tests that check no code stays behind. */
  bufferSnapshotForTests(): Uint8Array {
    return this.buffer.slice();
  }

  private byte(byte: number, events: LineFramerEvent[]): void {
    if (this.terminator === 'crlf') {
      if (this.pendingCr) {
        this.pendingCr = false;
        if (byte === LF) return this.endLine(events);
        this.append(CR); // a lone CR: part of the line (and so garbage)
      }
      if (byte === CR) {
        this.pendingCr = true;
        return;
      }
      return this.append(byte);
    }
    const ends = this.terminator === 'cr' ? byte === CR : this.terminator === 'lf' ? byte === LF : byte === CR || byte === LF;
    if (ends) return this.endLine(events);
    this.append(byte);
  }

  private append(byte: number): void {
    if (this.overflow > 0 || this.length === this.maxLineBytes) {
      if (this.overflow === 0) {
        this.overflow = this.length;
        this.buffer.fill(0);
        this.length = 0;
      }
      this.overflow += 1;
      return;
    }
    this.buffer[this.length++] = byte;
  }

  private endLine(events: LineFramerEvent[]): void {
    if (this.overflow > 0) {
      events.push({ type: 'discard', reason: 'overlong', bytes: this.overflow, detail: `a line of ${this.overflow} bytes, over the ${this.maxLineBytes}-byte limit` });
      this.clear();
      return;
    }
    if (this.length === 0) return;
    const line = this.buffer.subarray(0, this.length);
    const control = line.findIndex((b) => b < 0x20 || b === 0x7f);
    if (control >= 0) {
      const hex = line[control]!.toString(16).padStart(2, '0');
      events.push({ type: 'discard', reason: 'garbage', bytes: this.length, detail: `control byte 0x${hex} in a line (line noise, or the scanner's terminator is not '${this.terminator}')` });
      this.clear();
      return;
    }
    let text: string;
    try {
      text = utf8.decode(line);
    } catch {
      events.push({ type: 'discard', reason: 'garbage', bytes: this.length, detail: 'a line that is not UTF-8 text' });
      this.clear();
      return;
    }
    this.clear();
    events.push({ type: 'code', text });
  }

  private clear(): void {
    this.buffer.fill(0, 0, Math.max(this.length, 1));
    this.length = 0;
    this.overflow = 0;
    this.pendingCr = false;
  }
}
