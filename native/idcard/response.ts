/**
 * Parsing of whole reply frames (as delivered by the framer, or any byte array) into
 * typed results. Never throws on bad input: every problem is a typed error.
 */
import { DEFAULT_MAX_LEN, HEADER_LENGTH, PREAMBLE, xorChecksum } from './protocol.js';
import { samStatus, type SamStatus } from './status.js';

export type FrameErrorCode = 'too-short' | 'bad-preamble' | 'bad-length' | 'too-long' | 'bad-checksum' | 'bad-payload';

export interface FrameError {
  ok: false;
  code: FrameErrorCode;
  message: string;
}

export interface SamReply {
  ok: true;
  sw1: number;
  sw2: number;
  status: SamStatus;
  /** Bytes between SW3 and CHK. */
  data: Uint8Array;
}

function fail(code: FrameErrorCode, message: string): FrameError {
  return { ok: false, code, message };
}

/** Checks preamble, length and checksum of one complete frame. */
export function checkFrame(frame: Uint8Array, minLen: number, maxLen = DEFAULT_MAX_LEN): FrameError | undefined {
  if (frame.length < HEADER_LENGTH + minLen) return fail('too-short', `frame of ${frame.length} bytes is too short`);
  for (let i = 0; i < PREAMBLE.length; i++) {
    if (frame[i] !== PREAMBLE[i]) return fail('bad-preamble', 'frame does not start with AA AA AA 96 69');
  }
  const len = (frame[5]! << 8) | frame[6]!;
  if (len > maxLen) return fail('too-long', `frame length ${len} exceeds the limit of ${maxLen}`);
  if (len < minLen || frame.length !== HEADER_LENGTH + len) {
    return fail('bad-length', `frame length field says ${len} but ${frame.length - HEADER_LENGTH} bytes follow it`);
  }
  const expected = xorChecksum(frame, 5, frame.length - 1);
  const actual = frame[frame.length - 1]!;
  if (expected !== actual) {
    return fail('bad-checksum', `checksum 0x${actual.toString(16)} should be 0x${expected.toString(16)}`);
  }
  return undefined;
}

/** A reply frame: SW1 SW2 SW3 DATA CHK after the header. */
export function parseReply(frame: Uint8Array): SamReply | FrameError {
  const error = checkFrame(frame, 4);
  if (error) return error;
  return {
    ok: true,
    sw1: frame[HEADER_LENGTH]!,
    sw2: frame[HEADER_LENGTH + 1]!,
    status: samStatus(frame[HEADER_LENGTH + 2]!),
    data: frame.subarray(HEADER_LENGTH + 3, frame.length - 1),
  };
}

export interface CardPayload {
  /** 256 bytes of UCS-2 LE text. */
  text: Uint8Array;
  /** 1024 bytes of WLT (opaque). */
  photo: Uint8Array;
  /** Present only for the text + photo + fingerprint read. */
  fingerprint?: Uint8Array;
}

/**
 * The data of a read reply: 2 (or 3, with fingerprint) big-endian lengths, then the
 * blocks in that order.
 */
export function parseCardPayload(data: Uint8Array, withFingerprint: boolean): CardPayload | FrameError {
  const count = withFingerprint ? 3 : 2;
  if (data.length < count * 2) return fail('bad-payload', `read reply of ${data.length} bytes has no block lengths`);
  const lengths: number[] = [];
  for (let i = 0; i < count; i++) lengths.push((data[i * 2]! << 8) | data[i * 2 + 1]!);
  const total = lengths.reduce((a, b) => a + b, 0);
  if (count * 2 + total !== data.length) {
    return fail('bad-payload', `read reply declares ${total} bytes of blocks but carries ${data.length - count * 2}`);
  }
  if (lengths[0]! < 256) return fail('bad-payload', `text block of ${lengths[0]} bytes is shorter than 256`);
  const blocks: Uint8Array[] = [];
  let offset = count * 2;
  for (const length of lengths) {
    blocks.push(data.subarray(offset, offset + length));
    offset += length;
  }
  const payload: CardPayload = { text: blocks[0]!, photo: blocks[1]! };
  if (withFingerprint) payload.fingerprint = blocks[2]!;
  return payload;
}
