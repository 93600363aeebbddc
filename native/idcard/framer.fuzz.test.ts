/**
 * 100,000+ random and mutated inputs through framer + codec (seeded, so a failure
 * reproduces): nothing throws, every delivered frame is well formed, the buffer
 * stays bounded, and a valid frame after garbage is still found.
 */
import { describe, expect, it } from 'vitest';
import { FrameAssembler, type FramerEvent } from './framer.js';
import { checkFrame, parseCardPayload, parseReply } from './response.js';
import { decodeCardText } from './text.js';

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  return { next, int, bytes };
}
type Rng = ReturnType<typeof prng>;

/** A well-formed reply frame, built here independently of the codec. */
function replyFrame(rng: Rng): Uint8Array {
  const kind = rng.int(10);
  const body =
    kind === 0
      ? Uint8Array.from([0, 0, 0x90, 0x01, 0x00, 0x04, 0x00, ...rng.bytes(1280)])
      : Uint8Array.from([0, 0, [0x90, 0x9f, 0x80, 0x81, 0x41, 0x60][rng.int(6)]!, ...rng.bytes(rng.int(20))]);
  const len = body.length + 1;
  const frame = new Uint8Array(7 + len);
  frame.set([0xaa, 0xaa, 0xaa, 0x96, 0x69, len >> 8, len & 0xff]);
  frame.set(body, 7);
  let x = 0;
  for (let i = 5; i < frame.length - 1; i++) x ^= frame[i]!;
  frame[frame.length - 1] = x;
  return frame;
}

/** Garbage that may hold preamble fragments but never a whole preamble. */
function garbage(rng: Rng): Uint8Array {
  const parts: number[] = [];
  const n = rng.int(60);
  for (let i = 0; i < n; i++) {
    if (rng.int(5) === 0) parts.push(...[0xaa, 0xaa, 0xaa, 0x96].slice(0, 1 + rng.int(4)));
    else parts.push(rng.int(256));
  }
  return Uint8Array.from(parts.filter((b) => b !== 0x69));
}

function mutate(rng: Rng, frame: Uint8Array): Uint8Array {
  const copy = Array.from(frame);
  const edits = 1 + rng.int(3);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(copy.length + 1);
    const op = rng.int(4);
    if (op === 0) copy[at] = rng.int(256);
    else if (op === 1) copy.splice(at, 1);
    else if (op === 2) copy.splice(at, 0, rng.int(256));
    else copy.length = Math.min(copy.length, at); // truncate
  }
  return Uint8Array.from(copy);
}

function feed(f: FrameAssembler, rng: Rng, input: Uint8Array, now: number): FramerEvent[] {
  const events: FramerEvent[] = [];
  for (let o = 0; o < input.length; ) {
    const size = 1 + rng.int(300);
    events.push(...f.push(input.subarray(o, o + size), now));
    expect(f.buffered).toBeLessThanOrEqual(7 + f.maxLen);
    o += size;
  }
  return events;
}

/** Everything downstream of the framer must take any frame without throwing. */
function decodeAll(frame: Uint8Array): void {
  const reply = parseReply(frame);
  if (!reply.ok) return;
  for (const withFp of [false, true]) {
    const payload = parseCardPayload(reply.data, withFp);
    if (!('ok' in payload)) decodeCardText(payload.text);
  }
}

const CASES = 100_000;

describe('framer + codec fuzz', () => {
  it(`survives ${CASES} random, mutated and garbage-prefixed inputs`, () => {
    const rng = prng(0x1d_ca_7d);
    const f = new FrameAssembler({ interByteTimeoutMs: 100 });
    let now = 0;
    let recovered = 0;
    let recoverCases = 0;
    let delivered = 0;
    for (let i = 0; i < CASES; i++) {
      const mode = i % 4;
      now += 1000; // each case starts after a quiet line
      f.expire(now);
      let input: Uint8Array;
      let expected: Uint8Array | undefined;
      if (mode === 0) input = rng.bytes(rng.int(400));
      else if (mode === 1) input = mutate(rng, replyFrame(rng));
      else if (mode === 2) {
        expected = replyFrame(rng);
        input = Uint8Array.from([...garbage(rng), ...expected]);
      } else {
        // Garbage with a whole false header in it (random length): the frame must
        // still come out, at the latest when the line goes quiet.
        expected = replyFrame(rng);
        input = Uint8Array.from([...rng.bytes(rng.int(20)), 0xaa, 0xaa, 0xaa, 0x96, 0x69, ...rng.bytes(2 + rng.int(30)), ...expected]);
      }
      const events = feed(f, rng, input, now);
      events.push(...f.expire(now + 1000));
      now += 1000;
      const got = events.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
      for (const frame of got) {
        expect(checkFrame(frame, 4)).toBeUndefined();
        decodeAll(frame);
      }
      delivered += got.length;
      if (mode === 2) expect(got.map((g) => Array.from(g))).toContainEqual(Array.from(expected!));
      if (mode === 3) {
        recoverCases++;
        if (got.some((g) => g.length === expected!.length && g.every((b, k) => b === expected![k]))) recovered++;
      }
    }
    // A false header whose checksum happens to match (1 in 256) can swallow the real frame.
    expect(recovered / recoverCases).toBeGreaterThan(0.98);
    expect(delivered).toBeGreaterThan(CASES / 4);
  }, 120_000); // 100k cases take ~12 s alone, several times that on a loaded 2-core machine
});
