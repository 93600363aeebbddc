import { describe, expect, it } from 'vitest';
import { EscPosPrinterDriver } from './driver.js';
import { Listeners, type PrinterTransport } from './transport.js';

/** In-memory printer end for this one layer: answers DLE EOT with scripted bytes. */
class ScriptedTransport implements PrinterTransport {
  readonly description = 'test-port';
  readonly bidirectional = true;
  readonly written: number[][] = [];
  /** One reply set per DLE EOT batch; null = silence. */
  replies: Array<number[] | null> = [];
  private readonly data = new Listeners<[Uint8Array]>();
  async open(): Promise<void> {}
  async close(): Promise<void> {}
  async write(bytes: Uint8Array): Promise<void> {
    this.written.push([...bytes]);
    if (bytes[0] === 0x10 && bytes[1] === 0x04) {
      const reply = this.replies.shift();
      if (reply) setTimeout(() => this.data.emit(Uint8Array.from(reply)), 1);
    }
  }
  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }
  onClose(): () => void {
    return () => undefined;
  }
}

const QUERY_BATCH = [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4];
const OK = [0x12, 0x12, 0x12, 0x12];
const JOB = Uint8Array.of(0x1b, 0x40, 0x41, 0x0a);

describe('EscPosPrinterDriver', () => {
  it('queries, writes, confirms', async () => {
    const t = new ScriptedTransport();
    t.replies = [OK, [0x12, 0x12, 0x12, 0x1e]];
    const result = await new EscPosPrinterDriver(t, { statusTimeoutMs: 100 }).print(JOB);
    expect(result).toEqual({ ok: true, nearEnd: true });
    expect(t.written).toEqual([QUERY_BATCH, [...JOB], QUERY_BATCH]);
  });

  it('does not write when paper is out before the job', async () => {
    const t = new ScriptedTransport();
    t.replies = [[0x1a, 0x32, 0x12, 0x7e]];
    const result = await new EscPosPrinterDriver(t, { statusTimeoutMs: 100 }).print(JOB);
    expect(result).toMatchObject({ ok: false, failure: 'paper-out', written: false });
    expect(t.written).toEqual([QUERY_BATCH]);
  });

  it('treats silence as offline, not as OK', async () => {
    const t = new ScriptedTransport();
    t.replies = [null];
    const result = await new EscPosPrinterDriver(t, { statusTimeoutMs: 50 }).print(JOB);
    expect(result).toMatchObject({ ok: false, failure: 'offline', written: false });
    expect(result.ok === false && result.message).toMatch(/check its power and cable/);
  });

  it('reports a cover opened during the job and skips invalid reply bytes', async () => {
    const t = new ScriptedTransport();
    t.replies = [OK, [0x00, 0x1a, 0xff, 0x16, 0x12, 0x12]];
    const result = await new EscPosPrinterDriver(t, { statusTimeoutMs: 100 }).print(JOB);
    expect(result).toMatchObject({ ok: false, failure: 'cover-open', written: true });
  });
});
