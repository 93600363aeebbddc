/**
 * HID framing of one common reader family (VID:PID 10C4:0007), PROTOCOLS.md §1.
 * Marked unverified there, so the constants are options and the reply side is
 * tolerant (padding and stray reports are dropped, the SAM length decides the end).
 *
 *   request report (64 bytes, no report id):
 *     88 | SRN lo hi | LEN lo hi | B1 | SAM frame | SUM lo hi | 00 padding
 *     LEN = bytes of B1 + SAM frame; SUM = 16-bit additive sum of bytes [3, SUM).
 *   reply reports: byte 0 = AA, 54 payload bytes at the end of each 64-byte report.
 */
import { DEFAULT_MAX_LEN, HEADER_LENGTH, PREAMBLE } from './protocol.js';

export const HID_REPORT_SIZE = 64;
export const HID_REQUEST_MARK = 0x88;
export const HID_REPLY_MARK = 0xaa;
export const HID_REPLY_PAYLOAD = 54;
export const HID_B1 = 0x01;

export function additiveSum16(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum = (sum + bytes[i]!) & 0xffff;
  return sum;
}

/** One 64-byte request report carrying `samFrame` (without node-hid's 00 prefix). */
export function wrapHidRequest(samFrame: Uint8Array, srn: number, b1 = HID_B1): Uint8Array {
  const report = new Uint8Array(HID_REPORT_SIZE);
  const innerLength = 1 + samFrame.length;
  if (6 + samFrame.length + 2 > HID_REPORT_SIZE) {
    throw new RangeError(`SAM frame of ${samFrame.length} bytes does not fit one HID report`);
  }
  report[0] = HID_REQUEST_MARK;
  report[1] = srn & 0xff;
  report[2] = (srn >> 8) & 0xff;
  report[3] = innerLength & 0xff;
  report[4] = innerLength >> 8;
  report[5] = b1;
  report.set(samFrame, 6);
  const sumAt = 6 + samFrame.length;
  const sum = additiveSum16(report, 3, sumAt);
  report[sumAt] = sum & 0xff;
  report[sumAt + 1] = sum >> 8;
  return report;
}

/** What node-hid writes: a 00 "no report id" byte, then the report padded to 64. */
export function nodeHidWritePayload(report: Uint8Array): number[] {
  const padded = new Uint8Array(HID_REPORT_SIZE);
  padded.set(report.subarray(0, HID_REPORT_SIZE));
  return [0x00, ...padded];
}

export type HidUnwrapResult = { ok: true; samFrame: Uint8Array; srn: number } | { ok: false; message: string };

/** The reverse of `wrapHidRequest` (used by the in-memory device and simulators). */
export function unwrapHidRequest(report: Uint8Array): HidUnwrapResult {
  // node-hid writes carry a leading 00; accept both forms.
  const r = report.length === HID_REPORT_SIZE + 1 && report[0] === 0 ? report.subarray(1) : report;
  if (r.length !== HID_REPORT_SIZE) return { ok: false, message: `report of ${r.length} bytes, expected ${HID_REPORT_SIZE}` };
  if (r[0] !== HID_REQUEST_MARK) return { ok: false, message: 'report does not start with 88' };
  const innerLength = r[3]! | (r[4]! << 8);
  const sumAt = 5 + innerLength;
  if (innerLength < 1 || sumAt + 2 > HID_REPORT_SIZE) return { ok: false, message: `bad inner length ${innerLength}` };
  const sum = r[sumAt]! | (r[sumAt + 1]! << 8);
  if (sum !== additiveSum16(r, 3, sumAt)) return { ok: false, message: 'report checksum does not match' };
  return { ok: true, samFrame: r.slice(6, sumAt), srn: r[1]! | (r[2]! << 8) };
}

/** Splits a SAM reply into 64-byte reply reports (used by the in-memory device). */
export function splitHidReply(samFrame: Uint8Array): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset < samFrame.length; offset += HID_REPLY_PAYLOAD) {
    const report = new Uint8Array(HID_REPORT_SIZE);
    report[0] = HID_REPLY_MARK;
    report.set(samFrame.subarray(offset, offset + HID_REPLY_PAYLOAD), HID_REPORT_SIZE - HID_REPLY_PAYLOAD);
    reports.push(report);
  }
  return reports;
}

export interface HidReassemblerOptions {
  /** Largest SAM LEN accepted (the serial framer's limit: a text + photo + fingerprint reply fits). */
  maxLen?: number;
  /** A partial frame is dropped when no report arrives for this long. */
  interReportTimeoutMs?: number;
}

/** Smallest reply LEN: SW1 SW2 SW3 CHK. */
const MIN_REPLY_LEN = 4;

/**
 * Reassembles SAM reply frames from input reports: a report whose payload starts
 * with the preamble opens a frame of 7 + LEN bytes; following reports fill it. The LEN
 * field comes from the device: one above the protocol's maximum is refused before
 * anything is allocated, and a frame whose rest never comes is dropped (and zeroed)
 * after a quiet interval, so a hostile or broken reader cannot hold memory.
 */
export class HidReplyReassembler {
  readonly maxLen: number;
  readonly interReportTimeoutMs: number;
  private frame: Uint8Array | undefined;
  private filled = 0;
  private lastReportAt = 0;
  /** Reports dropped because they did not fit (wrong mark, no preamble when idle, a LEN out of range). */
  dropped = 0;
  /** Partial frames dropped because the rest did not arrive in time. */
  expired = 0;

  constructor(options: HidReassemblerOptions = {}) {
    this.maxLen = options.maxLen ?? DEFAULT_MAX_LEN;
    this.interReportTimeoutMs = options.interReportTimeoutMs ?? 500;
  }

  /** Bytes of a partial frame held (0 when idle). */
  get buffered(): number {
    return this.frame ? this.filled : 0;
  }

  push(report: Uint8Array, now: number): Uint8Array | undefined {
    if (this.frame && now - this.lastReportAt >= this.interReportTimeoutMs) {
      this.expired++;
      this.reset();
    }
    this.lastReportAt = now;
    if (report.length < HID_REPORT_SIZE || report[0] !== HID_REPLY_MARK) {
      this.dropped++;
      return undefined;
    }
    const payload = report.subarray(report.length - HID_REPLY_PAYLOAD);
    if (!this.frame) {
      if (!PREAMBLE.every((b, i) => payload[i] === b)) {
        this.dropped++;
        return undefined;
      }
      const len = (payload[5]! << 8) | payload[6]!;
      if (len > this.maxLen || len < MIN_REPLY_LEN) {
        this.dropped++;
        return undefined;
      }
      this.frame = new Uint8Array(HEADER_LENGTH + len);
      this.filled = 0;
    }
    const take = Math.min(payload.length, this.frame.length - this.filled);
    this.frame.set(payload.subarray(0, take), this.filled);
    this.filled += take;
    if (this.filled < this.frame.length) return undefined;
    const done = this.frame;
    this.frame = undefined;
    this.filled = 0;
    return done;
  }

  /** Drops a partial frame, zeroing it first (it may hold part of a citizen's data). */
  reset(): void {
    this.frame?.fill(0);
    this.frame = undefined;
    this.filled = 0;
  }
}
