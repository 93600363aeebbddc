/** The installer's diagnostics (`device print-test`, `device printer-status`) against the simulator on a PTY and TCP. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as printTest } from '../../scripts/device/print-test.js';
import { run as printerStatus } from '../../scripts/device/printer-status.js';
import { startPrinterSimulator, type PrinterSimulator } from '../../scripts/sim/printer/index.js';

let sim: PrinterSimulator;
let stdout: string[];
let stderr: string[];

beforeEach(async () => {
  sim = await startPrinterSimulator({ paper: 58, tcp: true });
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await sim.close();
});

describe('device print-test / printer-status', () => {
  it('prints a test ticket over the PTY, then the status as JSON', async () => {
    expect(await printTest(['--port', sim.devicePath, '--paper', '58'])).toBe(0);
    const report = JSON.parse(stdout.join(''));
    expect(report).toMatchObject({ printed: { ok: true }, state: 'ready', port: sim.devicePath, flags: { paperOut: false } });
    const [ticket] = await sim.controls.waitForTickets(1);
    expect(ticket?.text).toContain('T001');
    expect(ticket?.text).toContain('中文测试：政务服务 一网通办 ￥12.50 堃喆');
    expect(ticket?.qrPayloads).toEqual(['https://zwfw.example.gov.cn/print-test/T001']);
  });

  it('reports status over TCP, and a paper-out printer with exit code 1', async () => {
    sim.controls.set({ paperNearEnd: true });
    expect(await printerStatus(['--tcp', `127.0.0.1:${sim.tcp?.port}`])).toBe(0);
    expect(JSON.parse(stdout.join(''))).toMatchObject({ state: 'attention', flags: { paperNearEnd: true } });
    stdout.length = 0;
    sim.controls.set({ paperOut: true });
    expect(await printTest(['--tcp', `127.0.0.1:${sim.tcp?.port}`])).toBe(1);
    expect(JSON.parse(stdout.join(''))).toMatchObject({ printed: { ok: false, failure: 'paper-out', written: false }, state: 'fault', problem: 'paper-out' });
    expect(sim.controls.stats().printBytes).toBe(0);
  });

  it('says offline when the printer is silent, and explains bad arguments', async () => {
    sim.controls.set({ silent: true });
    expect(await printerStatus(['--port', sim.devicePath, '--timeout', '200'])).toBe(1);
    expect(JSON.parse(stdout.join(''))).toMatchObject({ state: 'no-device', problem: 'offline', flags: null });
    expect(await printerStatus(['--paper', '70', '--lp', '/dev/usb/lp0'])).toBe(2);
    expect(await printerStatus([])).toBe(2);
    expect(stderr.join('')).toMatch(/--paper must be 58 or 80[\s\S]*give exactly one of --port, --tcp, --lp/);
  });
});
