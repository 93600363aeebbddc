/**
 * Printing end to end over a real PTY (socat): the kiosk core's createPrinter + the
 * templates + PrintJobRunner on one side, the printer simulator decoding ESC/POS on the other.
 */
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../electron/common/device-status.js';
import { createPrinter } from '../../electron/core/devices/printer.js';
import type { PrinterDevice } from '../../electron/core/devices/types.js';
import { describeResolution } from '../../electron/core/printing/receipt-template.js';
import { PrintJobRunner } from '../../electron/core/printing/print-job.js';
import { sampleReceipt, sampleTicket } from '../../electron/core/printing/samples.js';
import { startPrinterSimulator, type PrinterSimulator } from '../../scripts/sim/printer/index.js';

let sim: PrinterSimulator;
let printer: PrinterDevice;
let statuses: DeviceStatus[];

beforeEach(async () => {
  sim = await startPrinterSimulator({ paper: 80 });
  printer = createPrinter(
    { transport: 'serial', port: '@simulator', baud: 115200, paper: 80 },
    { simulatorDevicePath: sim.devicePath, pollIntervalMs: 0, statusTimeoutMs: 300 },
  );
  statuses = [];
  printer.onStatus((s) => statuses.push(s));
  await printer.start();
});

afterEach(async () => {
  await printer.stop();
  await sim.close();
});

describe('printing over a PTY', () => {
  it('prints a ticket the simulator decodes into the same Chinese text and QR payload', async () => {
    expect(printer.status()).toMatchObject({ state: 'ready', port: sim.devicePath });
    const model = sampleTicket({ priority: 'priority' });
    const outcome = await new PrintJobRunner(printer).printTicket(model);
    expect(outcome).toMatchObject({ status: 'printed', paperNearEnd: false, virtualTicket: { headline: 'A023', qrPayload: model.trackingUrl } });

    const [ticket] = await sim.controls.waitForTickets(1);
    expect(ticket?.qrPayloads).toEqual([model.trackingUrl, model.evaluationUrl]);
    const lines = (ticket?.text ?? '').split('\n').map((l) => l.trim());
    expect(lines).toContain('西湖区政务服务中心');
    expect(lines).toContain('A023');
    expect(lines).toContain('【优先办理】');
    expect(lines).toContain('居民身份证换领、补领（含港澳台居民居住证）');
    expect(ticket?.text).toMatch(/前面等候：\s+5 人/);
    expect(ticket?.text).toMatch(/取号时间：\s+2026-11-23 14:05/);
    expect(ticket?.text).toMatch(/证件号码：\s+110\*{11}002X/);
    expect(ticket?.text).not.toContain('11010519491231002X');
    expect(ticket?.cut).toBe('partial');
    expect(ticket?.pngPath && existsSync(ticket.pngPath)).toBe(true);
  });

  it('prints a receipt with each proof resolution, the commitment and both QR codes', async () => {
    const model = sampleReceipt();
    const outcome = await new PrintJobRunner(printer).printReceipt(model);
    expect(outcome.status).toBe('printed');
    const [receipt] = await sim.controls.waitForTickets(1);
    // Wrapping splits lines anywhere: compare with all whitespace removed.
    const text = (receipt?.text ?? '').replace(/\s/g, '');
    for (const proof of model.proofs) {
      expect(text).toContain(proof.name);
      expect(text).toContain(describeResolution(proof.resolution).replace(/\s/g, ''));
    }
    expect(text).toContain(model.commitmentText);
    expect(text).toContain('SQ3301062026112300017');
    expect(receipt?.qrPayloads).toEqual([model.trackingUrl, model.evaluationUrl]);
  });

  it('does not print into an empty printer: typed failure, nothing written, virtual ticket, reprint works', async () => {
    sim.controls.set({ paperOut: true });
    const runner = new PrintJobRunner(printer);
    const outcome = await runner.printTicket(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'paper-out', reprintable: true, virtualTicket: { headline: 'A023' } });
    expect(outcome.status === 'failed' && outcome.citizenMessage).toMatch(/缺纸/);
    expect(sim.controls.stats().printBytes).toBe(0);
    expect(sim.controls.tickets()).toEqual([]);
    expect(printer.status()).toMatchObject({ state: 'fault', code: 'paper-out' });

    sim.controls.reset();
    const again = await runner.reprint(outcome.job);
    expect(again.status).toBe('printed');
    const [ticket] = await sim.controls.waitForTickets(1);
    expect(ticket?.text).toContain('排队取号凭条（补打）');
    expect(printer.status().state).toBe('ready');
  });

  it('reports a cover opened in the middle of the job', async () => {
    sim.controls.faultAfterBytes(120, 'coverOpen');
    const outcome = await new PrintJobRunner(printer).printTicket(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'cover-open' });
    expect(outcome.status === 'failed' && outcome.message).toMatch(/close the cover/);
    const [ticket] = await sim.controls.waitForTickets(1);
    expect(ticket?.interruptedBy).toBe('cover-open');
    expect(ticket?.qrPayloads).toEqual([]);
    expect(statuses.at(-1)).toMatchObject({ state: 'fault', code: 'cover-open' });
  });

  it('prints near the end of the roll and raises a maintenance alert', async () => {
    sim.controls.set({ paperNearEnd: true });
    const outcome = await new PrintJobRunner(printer).printTicket(sampleTicket());
    expect(outcome).toMatchObject({ status: 'printed', paperNearEnd: true });
    expect(printer.status()).toMatchObject({ state: 'attention', code: 'paper-near-end' });
  });

  it('treats a printer that does not answer as offline', async () => {
    sim.controls.set({ silent: true });
    const outcome = await new PrintJobRunner(printer).printTicket(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'offline' });
    expect(sim.controls.stats().printBytes).toBe(0);
    expect(printer.status()).toMatchObject({ state: 'no-device', code: 'offline' });
  });

  it('answers JSON control commands and rejects bad ones', async () => {
    expect(sim.handleControl({ command: 'set', args: { coverOpen: true } })).toMatchObject({ ok: true, state: { coverOpen: true } });
    // As they would arrive in JSON: the handler checks at run time what TypeScript checks here.
    expect(sim.handleControl({ command: 'set', args: { lid: true } } as never)).toMatchObject({ ok: false });
    expect(sim.handleControl({ command: 'nope' } as never)).toMatchObject({ ok: false, error: expect.stringMatching(/invalid printer simulator command/) });
    const outcome = await new PrintJobRunner(printer).printTicket(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'cover-open' });
    sim.handleControl({ command: 'reset' });
    await new PrintJobRunner(printer).printTicket(sampleTicket());
    await sim.controls.waitForTickets(1);
    const listed = sim.handleControl({ command: 'tickets' });
    expect(listed).toMatchObject({ ok: true, tickets: [{ index: 1, qrPayloads: [sampleTicket().trackingUrl, sampleTicket().evaluationUrl] }] });
  });

  it('notices paper near end while idle, through the status poll', async () => {
    const polled = createPrinter(
      { transport: 'serial', port: '@simulator', baud: 115200, paper: 80 },
      { simulatorDevicePath: sim.devicePath, pollIntervalMs: 50, statusTimeoutMs: 300 },
    );
    await printer.stop(); // one driver per port
    printer = polled;
    await polled.start();
    expect(polled.status().state).toBe('ready');
    const alert = new Promise<DeviceStatus>((resolve) => polled.onStatus((s) => s.code === 'paper-near-end' && resolve(s)));
    sim.controls.set({ paperNearEnd: true });
    expect(await alert).toMatchObject({ state: 'attention', message: expect.stringMatching(/replace the roll/) });
  });

  it('reports an unplugged printer mid-job as offline and starts reconnecting', async () => {
    const reconnecting = new Promise<DeviceStatus>((resolve) => printer.onStatus((s) => s.state === 'reconnecting' && resolve(s)));
    const job = new PrintJobRunner(printer).printTicket(sampleTicket());
    await new Promise((r) => setTimeout(r, 15)); // the ticket takes ~57 ms on the wire
    await sim.close();
    const outcome = await job;
    expect(outcome).toMatchObject({ status: 'failed', failure: 'offline', reprintable: true, virtualTicket: { headline: 'A023' } });
    expect(await reconnecting).toMatchObject({ code: 'disconnected' });
    sim = await startPrinterSimulator({ paper: 80 }); // for afterEach
  });
});
