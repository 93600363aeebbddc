import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScannerDriver, type ScanRead, type ScannerDriverStatus } from './driver.js';
import { HidPosScannerTransport } from './hid-pos-transport.js';
import { inMemoryHidOpener } from './in-memory-hid-scanner.js';

const target = { vendorId: 0x0c2e, productId: 0x0b8f };

function setUp(options: { repeatIgnoreMs?: number } = {}) {
  const hid = inMemoryHidOpener();
  const driver = new ScannerDriver({
    transport: () => new HidPosScannerTransport(target, hid.opener, { continuationTimeoutMs: 500 }),
    reconnectMinMs: 100,
    reconnectMaxMs: 400,
    ...options,
  });
  const scans: ScanRead[] = [];
  const states: ScannerDriverStatus['state'][] = [];
  const discards: string[] = [];
  driver.on('scan', (s) => scans.push(s));
  driver.on('status', (s) => states.push(s.state));
  driver.on('discard', (d) => discards.push(`${d.reason}:${d.bytes}`));
  const current = () => hid.opened.at(-1)!;
  return { hid, driver, scans, states, discards, current };
}

describe('ScannerDriver over HID-POS (in memory)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports ready and gives one scan event per code', async () => {
    const t = setUp();
    t.driver.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.driver.status().state).toBe('ready');
    t.current().scan('AP-2026-12-02-3fa9c1-0');
    t.current().scan('CTID:' + 'q'.repeat(80)); // two reports
    expect(t.scans.map((s) => s.text)).toEqual(['AP-2026-12-02-3fa9c1-0', 'CTID:' + 'q'.repeat(80)]);
    await t.driver.stop();
  });

  it('ignores the same code within repeatIgnoreMs of its last reading, and takes it after', async () => {
    const t = setUp({ repeatIgnoreMs: 3000 });
    t.driver.start();
    await vi.advanceTimersByTimeAsync(0);
    t.current().scan('ZLB:same');
    await vi.advanceTimersByTimeAsync(2000);
    t.current().scan('ZLB:same'); // still held under the scanner: extends the window
    await vi.advanceTimersByTimeAsync(2999);
    t.current().scan('ZLB:same');
    expect(t.scans).toHaveLength(1);
    t.current().scan('ZLB:other'); // another code is a scan at once
    t.current().scan('ZLB:same'); // and the first again after another is a new scan
    await vi.advanceTimersByTimeAsync(3000);
    t.current().scan('ZLB:other');
    expect(t.scans.map((s) => s.text)).toEqual(['ZLB:same', 'ZLB:other', 'ZLB:same', 'ZLB:other']);
    await t.driver.stop();
  });

  it('drops a code cut short by the unplug, reconnects with backoff, and reads again', async () => {
    const t = setUp();
    t.driver.start();
    await vi.advanceTimersByTimeAsync(0);
    t.current().scan('CTID:' + 'z'.repeat(80), 1); // first of two reports, then the cable goes
    t.hid.plugged = false;
    t.current().unplug();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.driver.status().state).toBe('reconnecting');
    expect(t.discards).toEqual(['unplugged:56']);
    const opensBefore = t.hid.opened.length;
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 400); // each attempt fails: backoff doubles to the cap
    expect(t.driver.status().state).toBe('reconnecting');
    t.hid.plugged = true;
    await vi.advanceTimersByTimeAsync(400);
    expect(t.driver.status().state).toBe('ready');
    expect(t.hid.opened.length).toBe(opensBefore + 1);
    t.current().scan('ZLB:after');
    expect(t.scans.map((s) => s.text)).toEqual(['ZLB:after']);
    // Each failed attempt may update the message; the states run connecting → ready → reconnecting → ready.
    expect(t.states.filter((s, i) => s !== t.states[i - 1])).toEqual(['connecting', 'ready', 'reconnecting', 'ready']);
    await t.driver.stop();
  });

  it('reports no-device when the scanner is absent from the start', async () => {
    const t = setUp();
    t.hid.plugged = false;
    t.driver.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.driver.status()).toMatchObject({ state: 'no-device', message: expect.stringMatching(/check the cable and that the scanner is in HID-POS mode/) });
    await t.driver.stop();
    expect(t.driver.status().state).toBe('stopped');
  });

  it('drops a half code when its next report never comes (continuation timeout)', async () => {
    const t = setUp();
    t.driver.start();
    await vi.advanceTimersByTimeAsync(0);
    t.current().scan('CTID:' + 'z'.repeat(80), 1);
    await vi.advanceTimersByTimeAsync(600);
    expect(t.discards).toEqual(['timeout:56']);
    expect(t.scans).toEqual([]);
    await t.driver.stop();
  });

  it('closes the handle on stop', async () => {
    const t = setUp();
    t.driver.start();
    await vi.advanceTimersByTimeAsync(0);
    await t.driver.stop();
    expect(t.current().closed).toBe(true);
  });
});
