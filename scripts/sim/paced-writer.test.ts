/**
 * The simulators' paced writer: on a real PTY (the bytes arrive in order, no sooner than
 * their wire time) and on a sink that holds its write callbacks (what waits for what).
 * No upper bound on any time: only orders, counts and lower bounds, which a slow machine
 * cannot break.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from './pty-pair.js';
import { writePaced, type ByteSink } from './paced-writer.js';

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 5) & 0xff);
const flat = (chunks: Uint8Array[]) => Uint8Array.from(chunks.flatMap((c) => [...c]));

/** Keeps every chunk; calls each write's callback only when `release()` says so (or at once when `autoRelease`). */
class HeldSink implements ByteSink {
  readonly chunks: Uint8Array[] = [];
  private held: Array<() => void> = [];
  autoRelease = false;
  write(chunk: Buffer, callback: () => void): boolean {
    this.chunks.push(Uint8Array.from(chunk));
    if (this.autoRelease) callback();
    else this.held.push(callback);
    return true;
  }
  releaseAll(): void {
    this.autoRelease = true;
    for (const cb of this.held.splice(0)) cb();
  }
}

const settle = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('writePaced on a real PTY', () => {
  let pair: PtyPair | undefined;
  const ports: SerialPort[] = [];
  afterEach(async () => {
    for (const p of ports.splice(0)) if (p.isOpen) await new Promise<void>((r) => p.close(() => r()));
    await pair?.close();
  });

  async function open(path: string): Promise<SerialPort> {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    ports.push(port);
    return port;
  }

  it.each([true, false])('delivers every byte in order, no sooner than its wire time at 9600 baud (awaitEachWrite %s)', async (awaitEachWrite) => {
    pair = await openPtyPair('paced-writer');
    const simulator = await open(pair.simulatorPath);
    const driver = await open(pair.devicePath);
    const received: number[] = [];
    driver.on('data', (d: Buffer) => received.push(...d));
    const sent = bytes(120);
    const start = performance.now();
    const timing = await writePaced(simulator, sent, { baud: 9600, awaitEachWrite, connected: () => true });
    const wireMsAfterFirst = ((sent.length - 1) * 10_000) / 9600;
    expect(timing.lastByteAt - timing.firstByteAt).toBeGreaterThanOrEqual(wireMsAfterFirst);
    expect(timing.firstByteAt).toBeGreaterThanOrEqual(start);
    while (received.length < sent.length) await settle(5);
    expect(Uint8Array.from(received)).toEqual(sent);
  });
});

describe('writePaced on a sink', () => {
  it('awaitEachWrite: no next slice before the last one is written', async () => {
    const sink = new HeldSink();
    const sent = bytes(40);
    const done = writePaced(sink, sent, { baud: 100_000, awaitEachWrite: true, connected: () => true });
    while (sink.chunks.length === 0) await settle(1);
    await settle(30); // 0.1 ms a byte: all 40 would be due by now
    expect(sink.chunks).toHaveLength(1);
    sink.releaseAll();
    await done;
    expect(flat(sink.chunks)).toEqual(sent);
  });

  it('without awaitEachWrite: keeps to the wire schedule though no write has called back', async () => {
    const sink = new HeldSink();
    const sent = bytes(40);
    await writePaced(sink, sent, { baud: 100_000, awaitEachWrite: false, connected: () => true });
    expect(flat(sink.chunks)).toEqual(sent);
  });

  it('at PTY speed (no baud): one write, awaited', async () => {
    const sink = new HeldSink();
    const sent = bytes(40);
    let finished = false;
    const done = writePaced(sink, sent, { baud: null, awaitEachWrite: false, connected: () => true }).then(() => (finished = true));
    await settle(10);
    expect(finished).toBe(false);
    sink.releaseAll();
    await done;
    expect(sink.chunks).toEqual([sent]);
  });

  it('byteDelayMs: one byte a write, each at least byteDelayMs after the one before', async () => {
    const sink = new HeldSink();
    sink.autoRelease = true;
    const sent = bytes(6);
    const start = performance.now();
    await writePaced(sink, sent, { baud: 115_200, byteDelayMs: 4, awaitEachWrite: false, connected: () => true });
    expect(sink.chunks).toEqual([...sent].map((b) => Uint8Array.of(b)));
    expect(performance.now() - start).toBeGreaterThanOrEqual(sent.length * 4);
  });

  it('stops at the first slice once the line is gone (unplugged mid-write)', async () => {
    const sink = new HeldSink();
    sink.autoRelease = true;
    const sent = bytes(100);
    // 10 ms a byte: the first slice is one byte, then the line is gone.
    await writePaced(sink, sent, { baud: 1000, awaitEachWrite: true, connected: () => sink.chunks.length === 0 });
    expect(sink.chunks).toHaveLength(1);
    expect(flat(sink.chunks).length).toBeLessThan(sent.length);
  });
});
