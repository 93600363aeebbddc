import { describe, expect, it } from 'vitest';
import { HidPosReassembler, hidPosReports, type HidPosEvent } from './hid-pos.js';

/** A 64-byte scanned-data report written out by hand: id, length, AIM, data, vendor id, flag. */
function report(data: string, more: boolean, options: { length?: number; aim?: string; id?: number; size?: number } = {}): Uint8Array {
  const r = new Uint8Array(options.size ?? 64);
  r[0] = options.id ?? 0x02;
  r[1] = options.length ?? data.length;
  const aim = options.aim ?? ']Q1';
  r[2] = aim.charCodeAt(0);
  r[3] = aim.charCodeAt(1);
  r[4] = aim.charCodeAt(2);
  for (let i = 0; i < data.length && 5 + i < r.length; i++) r[5 + i] = data.charCodeAt(i);
  if (r.length === 64) {
    r[61] = 0x73; // Honeywell code id 's': QR Code
    r[63] = more ? 0x01 : 0x00;
  }
  return r;
}

const codes = (events: HidPosEvent[]) => events.flatMap((e) => (e.type === 'code' ? [e.text] : []));
const discards = (events: HidPosEvent[]) => events.flatMap((e) => (e.type === 'discard' ? [[e.reason, e.bytes]] : []));

describe('HidPosReassembler', () => {
  it('reads a code from one report, with its AIM and vendor symbology', () => {
    const events = new HidPosReassembler().push(report('AP-2026-12-02-3fa9c1-0', false), 0);
    expect(events).toEqual([{ type: 'code', text: 'AP-2026-12-02-3fa9c1-0', aim: ']Q1', symbology: 0x73 }]);
  });

  it('joins a code across reports while the more-data bit is set', () => {
    const a = 'CTID:' + 'x'.repeat(51); // 56 bytes: a full first report
    const b = 'y'.repeat(20);
    const r = new HidPosReassembler();
    expect(r.push(report(a, true), 0)).toEqual([]);
    expect(r.buffered).toBe(56);
    expect(codes(r.push(report(b, false), 5))).toEqual([a + b]);
    expect(r.buffered).toBe(0);
  });

  it('ignores bytes past the length byte (padding may hold stale data)', () => {
    const r = report('ABCDEFGH', false, { length: 3 });
    expect(codes(new HidPosReassembler().push(r, 0))).toEqual(['ABC']);
  });

  it('ignores reports other than scanned data, and refuses broken ones', () => {
    const r = new HidPosReassembler();
    expect(r.push(report('status', false, { id: 0x04 }), 0)).toEqual([]);
    expect(discards(r.push(report('short', false, { size: 32 }), 0))).toEqual([['bad-report', 0]]);
    expect(discards(r.push(report('x', false, { length: 57 }), 0))).toEqual([['bad-report', 0]]);
  });

  it('drops a code whose continuation is overdue', () => {
    const r = new HidPosReassembler({ continuationTimeoutMs: 500 });
    r.push(report('x'.repeat(56), true), 1000);
    expect(r.expire(1499)).toEqual([]);
    expect(discards(r.expire(1500))).toEqual([['timeout', 56]]);
    expect(codes(r.push(report('fresh', false), 1600))).toEqual(['fresh']);
  });

  it('bounds a code that keeps saying more follows', () => {
    const r = new HidPosReassembler({ maxCodeBytes: 100 });
    r.push(report('a'.repeat(56), true), 0);
    r.push(report('b'.repeat(56), true), 0);
    const events = r.push(report('c'.repeat(10), false), 0);
    expect(discards(events)).toEqual([['overlong', 122]]);
    expect(codes(r.push(report('ok', false), 0))).toEqual(['ok']);
  });

  it('drops a code with control bytes or invalid UTF-8 as garbage', () => {
    const r = new HidPosReassembler();
    expect(discards(r.push(report('A\u0000B', false), 0))).toEqual([['garbage', 3]]);
    const bad = report('', false, { length: 2 });
    bad[5] = 0xe5;
    bad[6] = 0x8a;
    expect(discards(r.push(bad, 0))).toEqual([['garbage', 2]]);
  });

  it('hidPosReports (the in-memory scanner) lays a code out as the hand-written reports do', () => {
    const text = 'ZLB:' + 'k'.repeat(60);
    const built = hidPosReports(new TextEncoder().encode(text));
    expect(built).toEqual([report(text.slice(0, 56), true), report(text.slice(56), false)]);
  });
});
