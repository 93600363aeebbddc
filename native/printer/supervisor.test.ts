import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PrinterSupervisor, type PrinterSupervisorStatus } from './supervisor.js';
import { Listeners, TransportError, type PrinterTransport } from './transport.js';

/** In-memory link for this one layer: scripted open failures, instant OK status replies. */
class FlakyTransport implements PrinterTransport {
  readonly description = '/dev/ttyFAKE0';
  readonly bidirectional = true;
  failOpens = 0;
  opens: number[] = [];
  written: number[][] = [];
  replyByte = 0x12;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[Error | undefined]>();
  async open(): Promise<void> {
    this.opens.push(Date.now());
    if (this.failOpens-- > 0) throw new TransportError('cannot open printer port /dev/ttyFAKE0 (ENOENT): check the cable');
  }
  async close(): Promise<void> {}
  async write(bytes: Uint8Array): Promise<void> {
    this.written.push([...bytes]);
    if (bytes[0] === 0x10) queueMicrotask(() => this.data.emit(Uint8Array.of(0x12, 0x12, 0x12, this.replyByte)));
  }
  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }
  onClose(listener: (error?: Error) => void): () => void {
    return this.closed.add(listener);
  }
  unplug(): void {
    this.closed.emit(new TransportError('printer port /dev/ttyFAKE0 closed'));
  }
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PrinterSupervisor', () => {
  it('retries a missing printer with doubling backoff, capped, then reports ready', async () => {
    const link = new FlakyTransport();
    link.failOpens = 4;
    const supervisor = new PrinterSupervisor(link, { pollIntervalMs: 0, minBackoffMs: 100, maxBackoffMs: 300 });
    await supervisor.start();
    expect(supervisor.status()).toMatchObject({ state: 'not-found', port: '/dev/ttyFAKE0' });
    expect(supervisor.status().message).toMatch(/check the cable/);
    await vi.advanceTimersByTimeAsync(100 + 200 + 300 + 300);
    expect(link.opens).toEqual([0, 100, 300, 600, 900]);
    expect(supervisor.status()).toMatchObject({ state: 'ready' });
    await supervisor.stop();
  });

  it('goes to reconnecting when the link drops, and back to ready', async () => {
    const link = new FlakyTransport();
    const seen: PrinterSupervisorStatus[] = [];
    const supervisor = new PrinterSupervisor(link, { pollIntervalMs: 0, minBackoffMs: 50 });
    supervisor.onStatus((s) => seen.push(s));
    await supervisor.start();
    link.unplug();
    expect(supervisor.status()).toMatchObject({ state: 'reconnecting', problem: 'disconnected' });
    const offline = await supervisor.print(Uint8Array.of(0x41));
    expect(offline).toMatchObject({ ok: false, failure: 'offline', written: false });
    await vi.advanceTimersByTimeAsync(50);
    expect(seen.map((s) => s.state)).toEqual(['ready', 'reconnecting', 'ready']);
    await supervisor.stop();
  });

  it('never interleaves an idle poll with a print job', async () => {
    const link = new FlakyTransport();
    const supervisor = new PrinterSupervisor(link, { pollIntervalMs: 0 });
    await supervisor.start();
    link.written.length = 0;
    const job = supervisor.print(Uint8Array.of(0x41, 0x0a));
    const poll = supervisor.refresh();
    await Promise.all([job, poll]);
    const kinds = link.written.map((w) => (w[0] === 0x10 ? 'status' : 'job'));
    expect(kinds).toEqual(['status', 'job', 'status', 'status']);
    await supervisor.stop();
  });

  it('raises paper-near-end as attention from the periodic poll', async () => {
    const link = new FlakyTransport();
    const supervisor = new PrinterSupervisor(link, { pollIntervalMs: 1000 });
    await supervisor.start();
    expect(supervisor.status().state).toBe('ready');
    link.replyByte = 0x1e; // DLE EOT 4: bits 2-3 = paper near end
    await vi.advanceTimersByTimeAsync(1000);
    expect(supervisor.status()).toMatchObject({ state: 'paper-near-end' });
    await supervisor.stop();
  });
});
