/**
 * The framed serial reader protocol (see README.md "Serial framed reader"):
 *
 *   STX 02 | LEN_hi LEN_lo | CMD | DATA… | BCC | ETX 03
 *
 * LEN (big-endian) counts CMD + DATA; BCC is the XOR of LEN_hi … last DATA byte.
 * Vendors differ, so readers take a `FrameCodec` and this is the default one.
 */

export interface Frame {
  cmd: number;
  data: Uint8Array;
}

/** Splits a byte stream into frames; never throws, counts what it had to skip. */
export interface Framer {
  push(chunk: Uint8Array): Frame[];
  /** Bytes dropped so far while resynchronising (garbage, bad BCC, bad ETX). */
  readonly discarded: number;
}

export interface FrameCodec {
  readonly name: string;
  encode(frame: Frame): Uint8Array;
  createFramer(): Framer;
}

export const STX = 0x02;
export const ETX = 0x03;
/** Longest CMD + DATA: an APDU of 261 bytes plus headroom; longer LEN means garbage. */
export const MAX_BODY = 1024;

/** Host → reader commands; the reader answers with CMD | 0x80 and DATA = status byte + payload. */
export const CMD = {
  status: 0x31,
  powerOn: 0x32,
  powerOff: 0x33,
  apdu: 0x34,
} as const;
export const REPLY_BIT = 0x80;

/** First DATA byte of every reply. */
export const READER_STATUS = {
  ok: 0x00,
  noCard: 0x01,
  cardMute: 0x02,
  badFrame: 0x03,
  unknownCommand: 0x04,
  notPowered: 0x05,
} as const;

/** Payload of a successful status reply. */
export const SLOT = { empty: 0x00, present: 0x01, powered: 0x02 } as const;

export function bcc(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

export function encodeFrame(frame: Frame): Uint8Array {
  const body = frame.data.length + 1;
  if (body > MAX_BODY) throw new RangeError(`frame body of ${body} bytes exceeds ${MAX_BODY}`);
  const out = new Uint8Array(body + 5);
  out[0] = STX;
  out[1] = body >> 8;
  out[2] = body & 0xff;
  out[3] = frame.cmd;
  out.set(frame.data, 4);
  out[body + 3] = bcc(out.subarray(1, body + 3));
  out[body + 4] = ETX;
  return out;
}

export class StxEtxFramer implements Framer {
  private buffer = new Uint8Array(0);
  private dropped = 0;

  get discarded(): number {
    return this.dropped;
  }

  push(chunk: Uint8Array): Frame[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const frames: Frame[] = [];
    let i = 0;
    while (i < joined.length) {
      if (joined[i] !== STX) {
        i++;
        this.dropped++;
        continue;
      }
      if (joined.length - i < 3) break;
      const body = ((joined[i + 1] as number) << 8) | (joined[i + 2] as number);
      if (body < 1 || body > MAX_BODY) {
        i++; // a stray 02 inside garbage: look for the next one
        this.dropped++;
        continue;
      }
      const end = i + body + 5;
      if (end > joined.length) {
        // Incomplete. If it is a stray STX in noise, a whole valid frame may already sit behind it:
        // take that one rather than wait (and time out) for bytes that will never come.
        const later = this.completeFrameAfter(joined, i + 1);
        if (later === undefined) break;
        this.dropped += later - i;
        i = later;
        continue;
      }
      if (!this.validAt(joined, i, body)) {
        i++;
        this.dropped++;
        continue;
      }
      frames.push({ cmd: joined[i + 3] as number, data: joined.slice(i + 4, end - 2) });
      i = end;
    }
    this.buffer = joined.slice(i);
    return frames;
  }

  private validAt(bytes: Uint8Array, at: number, body: number): boolean {
    const end = at + body + 5;
    return end <= bytes.length && bytes[end - 1] === ETX && bytes[end - 2] === bcc(bytes.subarray(at + 1, end - 2));
  }

  /** Start of the first complete, valid frame at or after `from`, if any. */
  private completeFrameAfter(bytes: Uint8Array, from: number): number | undefined {
    for (let j = from; j + 3 <= bytes.length; j++) {
      if (bytes[j] !== STX) continue;
      const body = ((bytes[j + 1] as number) << 8) | (bytes[j + 2] as number);
      if (body >= 1 && body <= MAX_BODY && this.validAt(bytes, j, body)) return j;
    }
    return undefined;
  }
}

export const stxEtxCodec: FrameCodec = {
  name: 'stx-etx',
  encode: encodeFrame,
  createFramer: () => new StxEtxFramer(),
};
