import { describe, expect, it } from 'vitest';
import { LineFramer, type LineFramerEvent } from './line-framer.js';

const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const codes = (events: LineFramerEvent[]) => events.flatMap((e) => (e.type === 'code' ? [e.text] : []));
const discards = (events: LineFramerEvent[]) => events.flatMap((e) => (e.type === 'discard' ? [[e.reason, e.bytes]] : []));

describe('LineFramer', () => {
  it('splits codes on each terminator setting', () => {
    expect(codes(new LineFramer({ terminator: 'cr' }).push(bytes('AB', [0x0d], 'CD', [0x0d]), 0))).toEqual(['AB', 'CD']);
    expect(codes(new LineFramer({ terminator: 'lf' }).push(bytes('AB', [0x0a], 'CD', [0x0a]), 0))).toEqual(['AB', 'CD']);
    expect(codes(new LineFramer({ terminator: 'crlf' }).push(bytes('AB', [0x0d, 0x0a], 'CD', [0x0d, 0x0a]), 0))).toEqual(['AB', 'CD']);
    expect(codes(new LineFramer({ terminator: 'any' }).push(bytes('AB', [0x0d, 0x0a], 'CD', [0x0a], 'EF', [0x0d]), 0))).toEqual(['AB', 'CD', 'EF']);
  });

  it('holds a line split across chunks, byte by byte, and a CR LF split between them', () => {
    const framer = new LineFramer({ terminator: 'crlf' });
    const line = bytes('CTID:abc', [0x0d, 0x0a]);
    const out: LineFramerEvent[] = [];
    line.forEach((b, i) => out.push(...framer.push(Uint8Array.of(b), i)));
    expect(codes(out)).toEqual(['CTID:abc']);
    expect(framer.buffered).toBe(0);
  });

  it('drops a line with a control byte as garbage and keeps the next one', () => {
    const framer = new LineFramer({ terminator: 'cr' });
    const events = framer.push(bytes([0x00, 0xff, 0x41, 0x07], [0x0d], 'OK', [0x0d]), 0);
    expect(discards(events)).toEqual([['garbage', 4]]);
    expect(codes(events)).toEqual(['OK']);
  });

  it("says when the scanner's terminator is not the configured one", () => {
    // The scanner sends CR LF, the config says cr: each next line starts with LF.
    const events = new LineFramer({ terminator: 'cr' }).push(bytes('AB', [0x0d, 0x0a], 'CD', [0x0d]), 0);
    expect(codes(events)).toEqual(['AB']);
    const garbage = events.find((e) => e.type === 'discard');
    expect(garbage).toMatchObject({ reason: 'garbage', bytes: 3 });
    expect(garbage?.type === 'discard' && garbage.detail).toMatch(/0x0a.*terminator is not 'cr'/);
  });

  it('decodes UTF-8 and refuses invalid UTF-8', () => {
    const framer = new LineFramer({ terminator: 'lf' });
    const events = framer.push(bytes([0xe5, 0x8a, 0x9e, 0x0a], [0xe5, 0x8a, 0x0a]), 0); // 办, then half of it
    expect(codes(events)).toEqual(['办']);
    expect(discards(events)).toEqual([['garbage', 2]]);
  });

  it('bounds an overlong line: drops it up to the next terminator, reports it once, recovers', () => {
    const framer = new LineFramer({ terminator: 'cr', maxLineBytes: 8 });
    const first = framer.push(bytes('0123456789'), 0);
    expect(first).toEqual([]);
    expect(framer.bufferSnapshotForTests().every((b) => b === 0)).toBe(true); // nothing of it kept
    const rest = framer.push(bytes('ABCDEF', [0x0d], 'short', [0x0d]), 1);
    expect(discards(rest)).toEqual([['overlong', 16]]);
    expect(codes(rest)).toEqual(['short']);
  });

  it('accepts a line of exactly maxLineBytes', () => {
    expect(codes(new LineFramer({ terminator: 'cr', maxLineBytes: 4 }).push(bytes('ABCD', [0x0d]), 0))).toEqual(['ABCD']);
  });

  it('drops a half line after the line timeout, and not before', () => {
    const framer = new LineFramer({ terminator: 'cr', lineTimeoutMs: 500 });
    expect(framer.push(bytes('ESSC:abc'), 1000)).toEqual([]);
    expect(framer.expire(1499)).toEqual([]);
    expect(discards(framer.expire(1500))).toEqual([['timeout', 8]]);
    expect(framer.buffered).toBe(0);
    // The rest of the old line arriving later is its own (garbage-free) line.
    expect(codes(framer.push(bytes('NEXT', [0x0d]), 2000))).toEqual(['NEXT']);
  });

  it('expires a stale half line before taking a new chunk', () => {
    const framer = new LineFramer({ terminator: 'cr', lineTimeoutMs: 100 });
    framer.push(bytes('OLD'), 0);
    const events = framer.push(bytes('NEW', [0x0d]), 200);
    expect(discards(events)).toEqual([['timeout', 3]]);
    expect(codes(events)).toEqual(['NEW']);
  });

  it('skips empty lines and zeroes a delivered line', () => {
    const framer = new LineFramer({ terminator: 'any' });
    expect(framer.push(bytes([0x0d, 0x0a, 0x0d]), 0)).toEqual([]);
    expect(codes(framer.push(bytes('ZLB:token', [0x0d]), 0))).toEqual(['ZLB:token']);
    expect(framer.bufferSnapshotForTests().every((b) => b === 0)).toBe(true);
  });

  it('in crlf mode a lone CR is part of the line (and so garbage)', () => {
    const events = new LineFramer({ terminator: 'crlf' }).push(bytes('A', [0x0d], 'B', [0x0d, 0x0a]), 0);
    expect(discards(events)).toEqual([['garbage', 3]]);
  });
});
