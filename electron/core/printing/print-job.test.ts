import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../common/device-status.js';
import type { PrinterDevice, PrintOutcome } from '../devices/types.js';
import { PrintJobRunner } from './print-job.js';
import { sampleReceipt, sampleTicket } from './samples.js';

/** A PrinterDevice stand-in for this one layer: records jobs, answers scripted outcomes. */
function fakePrinter(outcomes: Array<PrintOutcome | Error>, paper: 58 | 80 = 80): PrinterDevice & { jobs: Uint8Array[] } {
  const jobs: Uint8Array[] = [];
  const status: DeviceStatus = { device: 'printer', state: 'ready', message: 'ok', at: 0 };
  return {
    jobs,
    start: async () => undefined,
    stop: async () => undefined,
    status: () => status,
    onStatus: () => () => undefined,
    paperWidth: () => paper,
    async print(bytes) {
      jobs.push(bytes);
      const next = outcomes.shift();
      if (!next) throw new Error('unexpected print');
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

describe('PrintJobRunner', () => {
  it('returns printed with the virtual ticket and the near-end flag', async () => {
    const printer = fakePrinter([{ ok: true, nearEnd: true }]);
    const outcome = await new PrintJobRunner(printer).printTicket(sampleTicket({ priority: 'priority' }));
    expect(outcome).toMatchObject({
      status: 'printed',
      paperNearEnd: true,
      virtualTicket: { kind: 'ticket', headline: 'A023', title: '西湖区政务服务中心', qrPayload: sampleTicket().trackingUrl },
    });
    expect(outcome.virtualTicket.lines[0]).toBe('【优先办理】');
    expect(printer.jobs).toHaveLength(1);
  });

  it('turns each typed failure into a Chinese message, a virtual ticket and a reprintable job', async () => {
    const printer = fakePrinter([
      { ok: false, failure: 'paper-out', message: 'printer on x is out of paper: load a new roll' },
      { ok: false, failure: 'offline', message: 'printer on x is offline' },
    ]);
    const runner = new PrintJobRunner(printer);
    const paperOut = await runner.printReceipt(sampleReceipt());
    expect(paperOut).toMatchObject({ status: 'failed', failure: 'paper-out', reprintable: true, virtualTicket: { headline: 'SQ3301062026112300017' } });
    expect(paperOut.status === 'failed' && paperOut.citizenMessage).toContain('缺纸');
    const offline = await runner.printTicket(sampleTicket());
    expect(offline.status === 'failed' && offline.citizenMessage).toContain('重新打印');
  });

  it('reports a throwing driver as a typed error, not an exception', async () => {
    const outcome = await new PrintJobRunner(fakePrinter([new Error('EIO')])).printTicket(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'error', message: 'printer driver failed: EIO' });
  });

  it('lays out for the printer paper and marks reprints', async () => {
    const printer = fakePrinter([{ ok: true, nearEnd: false }, { ok: true, nearEnd: false }], 58);
    const runner = new PrintJobRunner(printer);
    const first = await runner.printTicket(sampleTicket());
    await runner.reprint(first.job);
    const [original, copy] = printer.jobs.map((b) => Buffer.from(b));
    // 补打 in GB18030 is B2 B9 B4 F2.
    const mark = Buffer.from([0xb2, 0xb9, 0xb4, 0xf2]);
    expect(original?.includes(mark)).toBe(false);
    expect(copy?.includes(mark)).toBe(true);
    // 58 mm: the separator is 32 '=' followed by LF.
    expect(original?.includes(Buffer.from('='.repeat(32) + '\n'))).toBe(true);
    expect(original?.includes(Buffer.from('='.repeat(33)))).toBe(false);
  });
});
