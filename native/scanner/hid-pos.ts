/**
 * USB HID-POS scanned-data reports (HID Point of Sale Usage Tables, usage page 0x8C
 * "Bar Code Scanner", usage 0x12 "Scanned Data Report"), in the 64-byte layout the
 * common 2D scanners use (Honeywell's HID POS, also Zebra/Datalogic/Newland compatibles):
 *
 * | byte | what |
 * |---|---|
 * | 0 | report id 0x02 (node-hid on hidraw keeps it in front) |
 * | 1 | n: data bytes in this report (0–56) |
 * | 2–4 | AIM symbology identifier, ASCII (e.g. `]Q1` QR Code) |
 * | 5–60 | decoded data, the first n bytes valid |
 * | 61–62 | vendor symbology identifier (Honeywell code id in 61) |
 * | 63 | bit 0: more data follows in the next report |
 *
 * A code longer than 56 bytes comes in several reports, the last with bit 0 clear.
 * Pure: reports and the time in, codes and discards out. Unverified against a real
 * scanner's descriptor (no device here): check byte offsets against the scanner's
 * manual, and its HID report descriptor, before relying on it.
 */

export const HID_POS_USAGE_PAGE = 0x8c;
export const SCANNED_DATA_REPORT_ID = 0x02;
export const HID_POS_REPORT_BYTES = 64;
export const HID_POS_MAX_DATA = 56;
const DATA_OFFSET = 5;
const MORE_FOLLOWS_OFFSET = 63;

export type HidPosDiscardReason = 'bad-report' | 'overlong' | 'timeout' | 'garbage';

export type HidPosEvent =
  | { type: 'code'; text: string; aim: string; symbology: number }
  | { type: 'discard'; reason: HidPosDiscardReason; bytes: number; detail: string };

export interface HidPosOptions {
  /** Longest code accepted across continuation reports (bytes). */
  maxCodeBytes?: number;
  /** A code whose next report does not come within this long is dropped. */
  continuationTimeoutMs?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class HidPosReassembler {
  readonly maxCodeBytes: number;
  readonly continuationTimeoutMs: number;
  private parts: Uint8Array[] = [];
  private held = 0;
  private overflow = false;
  private lastReportAt = 0;

  constructor(options: HidPosOptions = {}) {
    this.maxCodeBytes = options.maxCodeBytes ?? 1024;
    this.continuationTimeoutMs = options.continuationTimeoutMs ?? 500;
  }

  get buffered(): number {
    return this.held;
  }

  push(report: Uint8Array, now: number): HidPosEvent[] {
    const events = this.expire(now);
    this.lastReportAt = now;
    if (report.length !== HID_POS_REPORT_BYTES || report[0] !== SCANNED_DATA_REPORT_ID) {
      // Other reports (status, a vendor's own) carry no code; a short one is broken.
      if (report[0] === SCANNED_DATA_REPORT_ID) events.push(this.drop('bad-report', `a scanned-data report of ${report.length} bytes, not ${HID_POS_REPORT_BYTES}`));
      return events;
    }
    const n = report[1]!;
    if (n > HID_POS_MAX_DATA) {
      events.push(this.drop('bad-report', `a scanned-data report claiming ${n} data bytes (at most ${HID_POS_MAX_DATA})`));
      return events;
    }
    if (this.held + n > this.maxCodeBytes) this.overflow = true;
    if (!this.overflow) this.parts.push(report.slice(DATA_OFFSET, DATA_OFFSET + n));
    this.held += n;
    if ((report[MORE_FOLLOWS_OFFSET]! & 0x01) !== 0) return events;
    if (this.overflow) {
      events.push(this.drop('overlong', `a code of ${this.held} bytes, over the ${this.maxCodeBytes}-byte limit`));
      return events;
    }
    const bytes = concat(this.parts, this.held);
    this.clear();
    if (bytes.length === 0) return events;
    const controls = bytes.findIndex((b) => b < 0x20 || b === 0x7f);
    let text: string | null = null;
    if (controls < 0) {
      try {
        text = utf8.decode(bytes);
      } catch {
        text = null;
      }
    }
    bytes.fill(0);
    if (text === null) {
      events.push({ type: 'discard', reason: 'garbage', bytes: bytes.length, detail: 'a code with control bytes or invalid UTF-8' });
      return events;
    }
    const aim = String.fromCharCode(report[2]!, report[3]!, report[4]!);
    events.push({ type: 'code', text, aim, symbology: report[61]! });
    return events;
  }

  /** Drops a code whose continuation report is overdue. */
  expire(now: number): HidPosEvent[] {
    if (this.held === 0 && this.parts.length === 0) return [];
    if (now - this.lastReportAt < this.continuationTimeoutMs) return [];
    return [this.drop('timeout', `part of a code (${this.held} bytes) and no further report for ${this.continuationTimeoutMs} ms`)];
  }

  reset(): number {
    const held = this.held;
    this.clear();
    return held;
  }

  private drop(reason: HidPosDiscardReason, detail: string): HidPosEvent {
    const bytes = this.held;
    this.clear();
    return { type: 'discard', reason, bytes, detail };
  }

  private clear(): void {
    for (const p of this.parts) p.fill(0);
    this.parts = [];
    this.held = 0;
    this.overflow = false;
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Builds scanned-data reports for a code (the in-memory scanner and the tests' vectors use it). */
export function hidPosReports(code: Uint8Array, aim = ']Q1', symbology = 0x73): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0; at < code.length || reports.length === 0; at += HID_POS_MAX_DATA) {
    const part = code.subarray(at, at + HID_POS_MAX_DATA);
    const r = new Uint8Array(HID_POS_REPORT_BYTES);
    r[0] = SCANNED_DATA_REPORT_ID;
    r[1] = part.length;
    r[2] = aim.charCodeAt(0);
    r[3] = aim.charCodeAt(1);
    r[4] = aim.charCodeAt(2);
    r.set(part, DATA_OFFSET);
    r[61] = symbology;
    r[MORE_FOLLOWS_OFFSET] = at + HID_POS_MAX_DATA < code.length ? 1 : 0;
    reports.push(r);
  }
  return reports;
}
