/**
 * The simulators' byte writer. A PTY ignores the baud rate, so a simulator that should
 * look like a serial device paces its bytes itself: each byte leaves no earlier than its
 * wire time (8N1: 10 bits a byte) since the first one. Used by the ID-card and the
 * code-scanner simulators.
 */
import { performance } from 'node:perf_hooks';

/** The simulator's end of the line (a serialport SerialPort on the PTY). */
export interface ByteSink {
  write(chunk: Buffer, callback: (error?: Error | null) => void): unknown;
}

export interface PacedWriteOptions {
  /** Pace at this baud; absent or null: at PTY speed, in one write. */
  baud?: number | null | undefined;
  /** One byte, then this pause, each write awaited (a slow device, a fault); overrides `baud`. */
  byteDelayMs?: number | undefined;
  /**
   * Paced: wait for each slice's write callback before pacing on (the scanner: a line is
   * sent when it has been written), or hand each slice to the port and keep to the wire
   * schedule (the ID reader: its timing says when bytes left on that schedule, not when
   * the PTY drained them).
   */
  awaitEachWrite: boolean;
  /** Checked before each slice: false stops the write (the simulator was unplugged mid-write). */
  connected: () => boolean;
}

/** performance.now() when the first and the last slice were handed to the port. */
export interface WriteTiming {
  firstByteAt: number;
  lastByteAt: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function writePaced(sink: ByteSink, bytes: Uint8Array, options: PacedWriteOptions): Promise<WriteTiming> {
  const put = (slice: Uint8Array) => new Promise<void>((r) => sink.write(Buffer.from(slice), () => r()));
  const firstByteAt = performance.now();
  let lastByteAt = firstByteAt;
  if (options.byteDelayMs !== undefined) {
    for (let i = 0; i < bytes.length && options.connected(); i++) {
      lastByteAt = performance.now();
      await put(bytes.subarray(i, i + 1));
      await sleep(options.byteDelayMs);
    }
    return { firstByteAt, lastByteAt };
  }
  if (!options.baud) {
    await put(bytes);
    return { firstByteAt, lastByteAt };
  }
  const msPerByte = 10_000 / options.baud;
  let sent = 0;
  while (sent < bytes.length && options.connected()) {
    const due = Math.min(bytes.length, Math.floor((performance.now() - firstByteAt) / msPerByte) + 1);
    if (due > sent) {
      lastByteAt = performance.now();
      const written = put(bytes.subarray(sent, due));
      if (options.awaitEachWrite) await written;
      sent = due;
    }
    if (sent < bytes.length) await sleep(Math.max(0, (sent + 1) * msPerByte - (performance.now() - firstByteAt)));
  }
  return { firstByteAt, lastByteAt };
}
