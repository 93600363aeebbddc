/**
 * Frame assembly for the SAM protocol: arbitrary chunks in (one byte at a time, or
 * several frames at once), whole checksum-verified frames out. Resyncs on the
 * preamble after garbage, refuses lengths over the limit, and drops a partial frame
 * when the line goes quiet. A delivered or dropped frame is zeroed in the buffer (replies
 * carry a citizen's data). Pure (the caller passes the time; no Node APIs);
 * frame-stream.ts wraps it as a Node stream for serialport pipelines.
 */
import { DEFAULT_MAX_LEN, HEADER_LENGTH, PREAMBLE, xorChecksum } from './protocol.js';

export type DiscardReason = 'garbage' | 'bad-length' | 'too-long' | 'bad-checksum' | 'timeout';

export type FramerEvent =
  | { type: 'frame'; frame: Uint8Array }
  | { type: 'discard'; reason: DiscardReason; bytes: number };

export interface FramerOptions {
  /** Smallest LEN accepted: 4 for replies (SW1 SW2 SW3 CHK), 3 for requests (CMD PARA CHK). */
  minLen?: number;
  maxLen?: number;
  /** A partial frame is dropped when no byte arrives for this long. */
  interByteTimeoutMs?: number;
}

export class FrameAssembler {
  readonly minLen: number;
  readonly maxLen: number;
  readonly interByteTimeoutMs: number;
  private readonly buffer: Uint8Array;
  private start = 0;
  private end = 0;
  private lastByteAt = 0;

  constructor(options: FramerOptions = {}) {
    this.minLen = options.minLen ?? 4;
    this.maxLen = options.maxLen ?? DEFAULT_MAX_LEN;
    this.interByteTimeoutMs = options.interByteTimeoutMs ?? 250;
    // Room for one whole frame waiting plus one more frame's worth of input.
    this.buffer = new Uint8Array(2 * (HEADER_LENGTH + this.maxLen));
  }

  /** Bytes held back waiting for the rest of a frame (never more than one frame). */
  get buffered(): number {
    return this.end - this.start;
  }

  /**
   * Drops everything held (e.g. before sending a new command after a timeout). The
   * buffer is zeroed: a reply carries a citizen's name, address, ID number and photo.
   */
  reset(): number {
    const dropped = this.buffered;
    this.buffer.fill(0);
    this.start = this.end = 0;
    return dropped;
  }

  /** A copy of the whole internal buffer, for tests that check no reply bytes stay behind. */
  bufferSnapshotForTests(): Uint8Array {
    return this.buffer.slice();
  }

  push(chunk: Uint8Array, now: number): FramerEvent[] {
    const events: FramerEvent[] = [];
    if (chunk.length > 0) {
      this.expire(now, events);
      this.lastByteAt = now;
    }
    let offset = 0;
    while (offset < chunk.length) {
      this.compact();
      const room = this.buffer.length - this.end;
      const take = Math.min(room, chunk.length - offset);
      this.buffer.set(chunk.subarray(offset, offset + take), this.end);
      this.end += take;
      offset += take;
      this.scan(events);
    }
    return events;
  }

  /**
   * When the line has been quiet for the inter-byte timeout, the partial frame is
   * dropped. Its first byte may have been a false preamble that swallowed a real frame,
   * so drop one byte at a time and rescan: any whole frame inside is still delivered.
   */
  expire(now: number, events: FramerEvent[] = []): FramerEvent[] {
    if (this.buffered === 0 || now - this.lastByteAt < this.interByteTimeoutMs) return events;
    while (this.buffered > 0) {
      this.discard(events, 'timeout', 1);
      this.scan(events);
    }
    this.buffer.fill(0, 0, this.end);
    this.start = this.end = 0;
    return events;
  }

  /** Moves what is held to the front; the bytes left behind are zeroed (they may be a delivered reply). */
  private compact(): void {
    if (this.start === 0) return;
    const oldEnd = this.end;
    this.buffer.copyWithin(0, this.start, this.end);
    this.end -= this.start;
    this.start = 0;
    this.buffer.fill(0, this.end, oldEnd);
  }

  private discard(events: FramerEvent[], reason: DiscardReason, bytes: number): void {
    this.start += bytes;
    const last = events[events.length - 1];
    // Coalesce runs of the same reason so a burst of garbage is one event.
    if (last && last.type === 'discard' && last.reason === reason) last.bytes += bytes;
    else events.push({ type: 'discard', reason, bytes });
  }

  private scan(events: FramerEvent[]): void {
    for (;;) {
      const available = this.end - this.start;
      if (available < PREAMBLE.length) {
        this.dropNonPreamblePrefix(events);
        return;
      }
      const at = this.findPreamble();
      if (at < 0) {
        // Keep the tail that may be the start of a preamble split across chunks.
        this.discard(events, 'garbage', available - (PREAMBLE.length - 1));
        this.dropNonPreamblePrefix(events);
        return;
      }
      if (at > 0) this.discard(events, 'garbage', at);
      if (this.end - this.start < HEADER_LENGTH) return;
      const len = (this.buffer[this.start + 5]! << 8) | this.buffer[this.start + 6]!;
      if (len > this.maxLen || len < this.minLen) {
        // A false preamble (or a corrupted length): skip one byte and look again.
        this.discard(events, len > this.maxLen ? 'too-long' : 'bad-length', 1);
        continue;
      }
      const total = HEADER_LENGTH + len;
      if (this.end - this.start < total) return;
      const frameEnd = this.start + total;
      if (xorChecksum(this.buffer, this.start + 5, frameEnd - 1) !== this.buffer[frameEnd - 1]) {
        // The real frame may begin inside this one (a false preamble swallowed it).
        this.discard(events, 'bad-checksum', 1);
        continue;
      }
      events.push({ type: 'frame', frame: this.buffer.slice(this.start, frameEnd) });
      // The caller has its copy; none of the reply stays in the framer.
      this.buffer.fill(0, this.start, frameEnd);
      this.start = frameEnd;
    }
  }

  /** Offset from `start` of the first whole preamble in the buffer, or -1. */
  private findPreamble(): number {
    const last = this.end - PREAMBLE.length;
    for (let i = this.buffer.indexOf(PREAMBLE[0]!, this.start); i >= 0 && i <= last; i = this.buffer.indexOf(PREAMBLE[0]!, i + 1)) {
      if (this.buffer[i + 1] === PREAMBLE[1] && this.buffer[i + 2] === PREAMBLE[2] && this.buffer[i + 3] === PREAMBLE[3] && this.buffer[i + 4] === PREAMBLE[4]) {
        return i - this.start;
      }
    }
    return -1;
  }

  /** With fewer bytes than a preamble, drop leading bytes that cannot start one. */
  private dropNonPreamblePrefix(events: FramerEvent[]): void {
    let skip = 0;
    const available = this.end - this.start;
    while (skip < available && !this.isPreamblePrefix(this.start + skip)) skip++;
    if (skip > 0) this.discard(events, 'garbage', skip);
  }

  private isPreamblePrefix(from: number): boolean {
    for (let i = from, j = 0; i < this.end; i++, j++) if (this.buffer[i] !== PREAMBLE[j]) return false;
    return true;
  }
}
