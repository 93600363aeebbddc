/**
 * The other two printer links against the simulator: raw TCP (its listener on a free
 * port) and a USB printer-class device file (a plain file write; here the PTY end opened
 * as a file, which reads status back like a bidirectional /dev/usb/lp0). Plus reconnect.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../electron/common/device-status.js';
import { createPrinter } from '../../electron/core/devices/printer.js';
import type { PrinterDevice } from '../../electron/core/devices/types.js';
import { PrintJobRunner } from '../../electron/core/printing/print-job.js';
import { sampleTicket } from '../../electron/core/printing/samples.js';
import { startPrinterSimulator, type PrinterSimulator } from '../../scripts/sim/printer/index.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

async function simulator(options: Parameters<typeof startPrinterSimulator>[0]): Promise<PrinterSimulator> {
  const sim = await startPrinterSimulator(options);
  cleanups.push(() => sim.close());
  return sim;
}

async function started(printer: PrinterDevice): Promise<PrinterDevice> {
  cleanups.push(() => printer.stop());
  await printer.start();
  return printer;
}

function waitForStatus(printer: PrinterDevice, state: DeviceStatus['state'], timeoutMs = 10_000): Promise<DeviceStatus> {
  return new Promise((resolve, reject) => {
    if (printer.status().state === state) return resolve(printer.status());
    const timer = setTimeout(() => reject(new Error(`printer never reached '${state}' (now ${JSON.stringify(printer.status())})`)), timeoutMs);
    const off = printer.onStatus((s) => {
      if (s.state !== state) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

describe('printer transports', () => {
  it('prints a 58 mm ticket over raw TCP to the simulator listener', async () => {
    const sim = await simulator({ paper: 58, pty: false, tcp: true });
    const tcp = sim.tcp;
    if (!tcp) throw new Error('simulator did not listen on TCP');
    const printer = await started(createPrinter({ transport: 'tcp', host: tcp.host, port: tcp.port, paper: 58 }, { pollIntervalMs: 0 }));
    expect(printer.status()).toMatchObject({ state: 'ready', port: `tcp://127.0.0.1:${tcp.port}` });
    const model = sampleTicket();
    const outcome = await new PrintJobRunner(printer).printTicket(model);
    expect(outcome.status).toBe('printed');
    const [ticket] = await sim.controls.waitForTickets(1);
    expect(ticket?.qrPayloads).toEqual([model.trackingUrl, model.evaluationUrl]);
    expect(ticket?.text).toContain('A023');
    expect(ticket?.text.replace(/\s/g, '')).toContain(model.matter);
  });

  it('reports paper out over TCP without writing the job', async () => {
    const sim = await simulator({ pty: false, tcp: true });
    sim.controls.set({ paperOut: true });
    const printer = await started(createPrinter({ transport: 'tcp', host: '127.0.0.1', port: sim.tcp?.port ?? 0, paper: 80 }, { pollIntervalMs: 0 }));
    expect(printer.status()).toMatchObject({ state: 'fault', code: 'paper-out' });
    const outcome = await new PrintJobRunner(printer).printTicket(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'paper-out' });
    expect(sim.controls.stats().printBytes).toBe(0);
  });

  it('prints through a printer device file and reads its status back', async () => {
    const sim = await simulator({ paper: 80 });
    const printer = await started(createPrinter({ transport: 'lp', path: sim.devicePath, paper: 80 }, { pollIntervalMs: 0 }));
    expect(printer.status().state).toBe('ready');
    const outcome = await new PrintJobRunner(printer).printTicket(sampleTicket());
    expect(outcome.status).toBe('printed');
    const [ticket] = await sim.controls.waitForTickets(1);
    expect(ticket?.text).toContain('西湖区政务服务中心');
  });

  it('says which device file is missing and keeps retrying', async () => {
    const printer = await started(createPrinter({ transport: 'lp', path: '/dev/usb/lp-kiosk-absent', paper: 80 }, { pollIntervalMs: 0, minBackoffMs: 20 }));
    expect(printer.status()).toMatchObject({ state: 'no-device', code: 'not-found' });
    expect(printer.status().message).toMatch(/\/dev\/usb\/lp-kiosk-absent.*check the USB cable/);
    const outcome = await printer.print(Uint8Array.of(0x1b, 0x40));
    expect(outcome).toMatchObject({ ok: false, failure: 'offline' });
  });

  it('reconnects with backoff after the TCP printer drops and comes back', async () => {
    // Take a free port, then serve the simulator on it twice.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const address = s.address();
        s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    let sim = await startPrinterSimulator({ pty: false, tcp: { port } });
    const printer = await started(createPrinter({ transport: 'tcp', host: '127.0.0.1', port, paper: 80 }, { pollIntervalMs: 0, minBackoffMs: 20, maxBackoffMs: 200 }));
    expect(printer.status().state).toBe('ready');
    await sim.close();
    await waitForStatus(printer, 'reconnecting');
    const offline = await printer.print(Uint8Array.of(0x1b, 0x40));
    expect(offline).toMatchObject({ ok: false, failure: 'offline' });
    sim = await simulator({ pty: false, tcp: { port } });
    await waitForStatus(printer, 'ready');
    const outcome = await new PrintJobRunner(printer).printTicket(sampleTicket());
    expect(outcome.status).toBe('printed');
    await sim.controls.waitForTickets(1);
  });
});
