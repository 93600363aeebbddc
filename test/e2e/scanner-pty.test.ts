/**
 * The 2D barcode scanner in USB-COM mode end to end: the kiosk's scanner (core adapter,
 * driver, serial transport, line framer) opens one end of a real PTY (socat); the scanner
 * simulator writes paced lines on the other, driven through its control protocol.
 */
import { unlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyCode, type Scan } from '../../electron/common/scan-codes.js';
import type { DeviceStatus } from '../../electron/common/device-status.js';
import { createScanner } from '../../electron/core/devices/scanner.js';
import type { ScannerDevice } from '../../electron/core/devices/types.js';
import { startScannerSimulator, type RunningScannerSimulator } from '../../scripts/sim/scanner/index.js';
import { until } from '../support/until.js';

describe('code scanner over USB-COM (real PTY)', () => {
  let sim: RunningScannerSimulator;
  let scanner: ScannerDevice;
  const scans: Scan[] = [];
  const statuses: DeviceStatus[] = [];
  const log: string[] = [];

  const scanOk = async (command: Parameters<RunningScannerSimulator['handleControl']>[0]) => {
    const reply = await sim.handleControl(command);
    if (!reply.ok) throw new Error(reply.error);
    return reply;
  };

  beforeAll(async () => {
    sim = await startScannerSimulator({ terminator: 'cr' }, { codeOptions: { trackingBaseUrl: 'https://track.example.gov.cn/hall', kioskId: 'TEST-K01' } });
    scanner = createScanner(
      { transport: 'serial', port: sim.devicePath, baud: 115200, terminator: 'cr', repeatIgnoreMs: 1000 },
      { reconnectMinMs: 50, reconnectMaxMs: 200, log: (l) => log.push(l) },
    );
    scanner.onScan((s) => scans.push(s));
    scanner.onStatus((s) => statuses.push(s));
    await scanner.start();
    await until(() => scanner.status().state === 'ready', 'the scanner ready');
  });
  afterAll(async () => {
    await scanner?.stop();
    await sim?.close();
  });

  it('reads a scanned code of each kind once, as the simulator sent it', async () => {
    const sent: string[] = [];
    for (const kind of ['network-id', 'social-security-card', 'zlb', 'appointment', 'kiosk-ticket', 'unknown'] as const) {
      const reply = await scanOk({ command: 'scan', args: { kind } });
      sent.push(reply.sent!.code);
      expect(reply.sent!.kind).toBe(kind);
    }
    await until(() => scans.length === sent.length, 'six scans');
    expect(scans.map((s) => s.text)).toEqual(sent);
    expect(scans.map((s) => classifyCode(s.text))).toEqual(['network-id', 'social-security-card', 'zlb', 'appointment', 'kiosk-ticket', 'unknown']);
  });

  it('ignores the same code scanned again at once, and reads the next one', async () => {
    scans.length = 0;
    const { sent } = await scanOk({ command: 'scan', args: { kind: 'zlb' } });
    await scanOk({ command: 'scan-raw', args: { text: sent!.code } });
    await scanOk({ command: 'scan', args: { kind: 'appointment', value: 'AP-2026-12-02-3fa9c1-0' } });
    await until(() => scans.length >= 2, 'two scans');
    expect(scans.map((s) => s.text)).toEqual([sent!.code, 'AP-2026-12-02-3fa9c1-0']);
  });

  it('drops line noise and keeps reading', async () => {
    scans.length = 0;
    log.length = 0;
    await scanOk({ command: 'garbage', args: { bytes: 40 } });
    await scanOk({ command: 'scan', args: { kind: 'unknown', value: 'after-garbage' } });
    await until(() => scans.length === 1, 'the scan after the garbage');
    expect(scans[0]!.text).toBe('after-garbage');
    expect(log.join('\n')).toMatch(/dropped \d+ bytes \(garbage\)/);
  });

  it('bounds an overlong line (drops it to its terminator) and keeps reading', async () => {
    scans.length = 0;
    log.length = 0;
    await scanOk({ command: 'scan-raw', args: { text: 'X'.repeat(3000) } });
    await scanOk({ command: 'scan', args: { kind: 'unknown', value: 'after-overlong' } });
    await until(() => scans.length === 1, 'the scan after the overlong line');
    expect(scans[0]!.text).toBe('after-overlong');
    expect(log.join('\n')).toMatch(/dropped 3000 bytes \(overlong\)/);
  });

  it('loses half a code when unplugged mid-line, reconnects on replug, and reads again', async () => {
    scans.length = 0;
    statuses.length = 0;
    log.length = 0;
    await scanOk({ command: 'scan', args: { kind: 'network-id', unplugMidLine: true } });
    await until(() => scanner.status().state !== 'ready', 'the scanner lost');
    expect(['reconnecting', 'no-device']).toContain(scanner.status().state);
    expect(scanner.status().message).toMatch(/check the (USB )?cable/);
    await scanOk({ command: 'replug' });
    await until(() => scanner.status().state === 'ready', 'the scanner back', { timeoutMs: 10_000 });
    const { sent } = await scanOk({ command: 'scan', args: { kind: 'network-id' } });
    await until(() => scans.length === 1, 'a scan after the replug');
    expect(scans.map((s) => s.text)).toEqual([sent!.code]); // the half code never became a scan
    expect(statuses.map((s) => s.state)).toContain('reconnecting');
    expect(log.join('\n')).toMatch(/dropped \d+ bytes \((unplugged|timeout)\)/);
  });

  it('drops a half line when the rest never comes (line timeout)', async () => {
    scans.length = 0;
    log.length = 0;
    await sim.sim.send(Buffer.from('ZLB:half-a-code'));
    await until(() => /dropped 15 bytes \(timeout\)/.test(log.join('\n')), 'the half line dropped');
    await scanOk({ command: 'scan', args: { kind: 'unknown', value: 'whole' } });
    await until(() => scans.length === 1, 'the next scan');
    expect(scans[0]!.text).toBe('whole');
  });

  it('notices the device node going even when the port reports no hang-up (a scanner is only read)', async () => {
    unlinkSync(sim.devicePath); // the node goes; the line behind it stays up
    await until(() => scanner.status().state !== 'ready', 'the scanner lost');
    await sim.sim.unplug();
    await sim.sim.plug();
    await until(() => scanner.status().state === 'ready', 'the scanner back', { timeoutMs: 10_000 });
  });

  it('never puts a token in its log', () => {
    expect(log.join('\n')).not.toMatch(/CTID:|ESSC:|ZLB:/);
  });
});
