import { describe, expect, it } from 'vitest';
import { FrameAssembler, type FramerEvent } from './framer.js';
import { SamFrameTransform } from './frame-stream.js';
import { RESIDENT_ZHANG, readReply, textBlock } from './test-vectors.js';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));
// From PROTOCOLS.md §1.
const SAM_OK = hex('AA AA AA 96 69 00 04 00 00 90 94');
const FOUND = hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
const NO_CARD = hex('AA AA AA 96 69 00 04 00 00 80 84');

const frames = (events: FramerEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [Array.from(e.frame)] : []));
const discarded = (events: FramerEvent[], reason: string) =>
  events.reduce((n, e) => n + (e.type === 'discard' && e.reason === reason ? e.bytes : 0), 0);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

describe('FrameAssembler', () => {
  it('assembles a frame fed one byte at a time', () => {
    const f = new FrameAssembler();
    const events = Array.from(FOUND).flatMap((b) => f.push(Uint8Array.of(b), 0));
    expect(frames(events)).toEqual([Array.from(FOUND)]);
    expect(f.buffered).toBe(0);
  });
  it('splits several frames arriving in one chunk', () => {
    const f = new FrameAssembler();
    expect(frames(f.push(concat(SAM_OK, FOUND, NO_CARD), 0))).toEqual([SAM_OK, FOUND, NO_CARD].map((x) => Array.from(x)));
  });
  it('resyncs on the preamble after garbage, including a partial preamble', () => {
    const f = new FrameAssembler();
    const events = f.push(concat(hex('00 13 AA AA 37 AA AA'), FOUND), 0);
    expect(frames(events)).toEqual([Array.from(FOUND)]);
    expect(discarded(events, 'garbage')).toBe(7);
  });
  it('keeps a preamble split across chunks', () => {
    const f = new FrameAssembler();
    expect(frames(f.push(hex('42 AA AA AA'), 0))).toEqual([]);
    expect(frames(f.push(FOUND.subarray(3), 0))).toEqual([Array.from(FOUND)]);
  });
  it('rejects an over-long length and still finds the next frame', () => {
    const f = new FrameAssembler({ maxLen: 3000 });
    const events = f.push(concat(hex('AA AA AA 96 69 FF F0 00'), NO_CARD), 0);
    expect(frames(events)).toEqual([Array.from(NO_CARD)]);
    expect(discarded(events, 'too-long')).toBe(1);
  });
  it('drops a frame with a bad checksum and finds a real frame it had swallowed', () => {
    const f = new FrameAssembler();
    // A false header claims 12 bytes; the real frame starts 2 bytes later.
    const events = f.push(concat(hex('AA AA AA 96 69 00 0C 00 00'), SAM_OK), 0);
    expect(frames(events)).toEqual([Array.from(SAM_OK)]);
    expect(discarded(events, 'bad-checksum')).toBe(1);
  });
  it('drops a corrupted frame', () => {
    const f = new FrameAssembler();
    const bad = SAM_OK.slice();
    bad[9] = 0x91;
    const events = f.push(concat(bad, NO_CARD), 0);
    expect(frames(events)).toEqual([Array.from(NO_CARD)]);
  });
  it('times out a partial frame after a quiet line, then takes the next frame', () => {
    const f = new FrameAssembler({ interByteTimeoutMs: 100 });
    f.push(FOUND.subarray(0, 9), 0);
    expect(f.expire(50)).toEqual([]);
    const expired = f.expire(100);
    expect(discarded(expired, 'timeout')).toBeGreaterThan(0);
    expect(f.buffered).toBe(0);
    expect(frames(f.push(SAM_OK, 120))).toEqual([Array.from(SAM_OK)]);
  });
  it('drops a stale partial when new bytes arrive after the timeout', () => {
    const f = new FrameAssembler({ interByteTimeoutMs: 100 });
    f.push(FOUND.subarray(0, 9), 0);
    const events = f.push(SAM_OK, 500);
    expect(frames(events)).toEqual([Array.from(SAM_OK)]);
  });
  it('on timeout, still delivers a whole frame hidden behind a false header', () => {
    const f = new FrameAssembler({ interByteTimeoutMs: 100 });
    const events = f.push(concat(hex('AA AA AA 96 69 08 00'), NO_CARD), 0);
    expect(frames(events)).toEqual([]);
    expect(frames(f.expire(200))).toEqual([Array.from(NO_CARD)]);
  });
  it('accepts requests with minLen 3', () => {
    const f = new FrameAssembler({ minLen: 3 });
    expect(frames(f.push(hex('AA AA AA 96 69 00 03 20 01 22'), 0))).toHaveLength(1);
    const replies = new FrameAssembler();
    expect(frames(replies.push(hex('AA AA AA 96 69 00 03 20 01 22'), 0))).toHaveLength(0);
  });
});

describe('SamFrameTransform', () => {
  it('emits frames and discards as a stream, and expires partials on a timer', async () => {
    const t = new SamFrameTransform({ interByteTimeoutMs: 30 });
    const got: number[][] = [];
    const discards: string[] = [];
    t.on('data', (frame: Uint8Array) => got.push(Array.from(frame)));
    t.on('discard', (d: { reason: string }) => discards.push(d.reason));
    t.write(Buffer.from(concat(hex('01 02'), FOUND.subarray(0, 4))));
    t.write(Buffer.from(FOUND.subarray(4)));
    t.write(Buffer.from(SAM_OK.subarray(0, 8)));
    await new Promise((r) => setTimeout(r, 120));
    t.write(Buffer.from(NO_CARD));
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([Array.from(FOUND), Array.from(NO_CARD)]);
    expect(discards).toContain('garbage');
    expect(discards).toContain('timeout');
    t.destroy();
  });
});

describe('FrameAssembler keeps no citizen data', () => {
  const reply = () => readReply(textBlock(RESIDENT_ZHANG), 0x5a);
  const nonZero = (f: FrameAssembler) => f.bufferSnapshotForTests().filter((b) => b !== 0).length;

  it('zeroes a delivered reply (name, address, ID number, photo) in its buffer', () => {
    const f = new FrameAssembler();
    const whole = reply();
    const events = [...f.push(whole.subarray(0, 700), 0), ...f.push(whole.subarray(700), 1)];
    expect(frames(events)).toEqual([Array.from(whole)]);
    expect(nonZero(f)).toBe(0);
  });

  it('reset() drops and zeroes a partial reply', () => {
    const f = new FrameAssembler();
    f.push(concat(FOUND, reply().subarray(0, 900)), 0); // a whole frame, then most of a read reply
    expect(f.buffered).toBe(900);
    expect(nonZero(f)).toBeGreaterThan(500);
    expect(f.reset()).toBe(900);
    expect(f.buffered).toBe(0);
    expect(nonZero(f)).toBe(0);
  });

  it('a partial reply dropped after the line went quiet is zeroed too', () => {
    const f = new FrameAssembler({ interByteTimeoutMs: 250 });
    f.push(reply().subarray(0, 900), 0);
    const events = f.expire(1000);
    expect(discarded(events, 'timeout')).toBeGreaterThan(0);
    expect(nonZero(f)).toBe(0);
  });
});
