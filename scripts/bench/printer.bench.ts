/**
 * Printer: print-runner-to-last-byte over a real PTY whose far end (the simulator) is
 * paced at 115200 baud, against the ticket's own wire time; the same from a click in
 * Chromium with central healthy and hung (printer-tap.ts); and encoder throughput.
 */
import { createPrinter } from '../../electron/core/devices/printer.js';
import { PrintJobRunner, encodeJob } from '../../electron/core/printing/print-job.js';
import { sampleReceipt, sampleTicket } from '../../electron/core/printing/samples.js';
import { startPrinterSimulator } from '../sim/printer/index.js';
import { tapToPrinterRows } from './printer-tap.js';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';

export const title = 'Printer: ticket over a 115200-baud PTY (from the runner, from a click in Chromium), encoder throughput';

const BAUD = 115200;
const RUNS = 30;
const GOAL_OVER_WIRE_MS = 10;
const LAST_BYTE = 'print runner → last byte at printer';

async function overPty(): Promise<BenchResult['rows']> {
  const sim = await startPrinterSimulator({ paper: 80, baud: BAUD, outputDir: null });
  const printer = createPrinter({ transport: 'serial', port: '@simulator', baud: BAUD, paper: 80 }, { simulatorDevicePath: sim.devicePath, pollIntervalMs: 0 });
  try {
    await printer.start();
    const runner = new PrintJobRunner(printer);
    const bytes = encodeJob({ kind: 'ticket', model: sampleTicket() }, 80).length;
    const wireMs = (bytes * 10 * 1000) / BAUD;
    const lastByte: number[] = [];
    const confirmed: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const tap = performance.now();
      const outcome = await runner.printTicket(sampleTicket({ ticketNumber: `A${String(i).padStart(3, '0')}` }));
      const done = performance.now();
      if (outcome.status !== 'printed') throw new Error(`bench print failed: ${outcome.message}`);
      const [ticket] = await sim.controls.waitForTickets(i + 1).then((t) => t.slice(i));
      if (!ticket) throw new Error('simulator lost a ticket');
      lastByte.push(ticket.cutAt - tap);
      confirmed.push(done - tap);
    }
    const row = (measure: string, values: number[]) => ({
      measure,
      bytes,
      'wire ms': wireMs,
      'p50 ms': percentile(values, 50),
      'p95 ms': percentile(values, 95),
      'p50 overhead ms': percentile(values, 50) - wireMs,
      limit: wireMs,
      ratio: percentile(values, 50) / wireMs,
      goal: measure === LAST_BYTE ? `≤ ${GOAL_OVER_WIRE_MS} ms over wire` : '',
      met: measure === LAST_BYTE ? percentile(values, 50) - wireMs <= GOAL_OVER_WIRE_MS : '',
    });
    return [row(LAST_BYTE, lastByte), row('print runner → confirmed (status after)', confirmed)];
  } finally {
    await printer.stop();
    await sim.close();
  }
}

function throughput(label: string, encode: () => Uint8Array): Record<string, string | number> {
  for (let i = 0; i < 50; i++) encode(); // warm up iconv tables and the JIT
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    encode();
    count++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { measure: `encode ${label}`, bytes: encode().length, 'per second': Math.round(count / seconds) };
}

export async function bench(): Promise<BenchResult> {
  const rows = await overPty();
  const tap = await tapToPrinterRows();
  rows.push(...tap.rows);
  rows.push(
    throughput('queue ticket 80 mm', () => encodeJob({ kind: 'ticket', model: sampleTicket() }, 80)),
    throughput('queue ticket 58 mm', () => encodeJob({ kind: 'ticket', model: sampleTicket() }, 58)),
    throughput('receipt 80 mm', () => encodeJob({ kind: 'receipt', model: sampleReceipt() }, 80)),
  );
  return {
    rows,
    notes: [
      `${RUNS} tickets; the simulator delivers bytes no faster than ${BAUD} baud (10 bits/byte).`,
      'limit = the ticket\'s wire time (ms); ratio = median / wire time.',
      'Goal: print runner → last byte overhead (status-before round trip + layout + write) ≤ 10 ms over the wire time.',
      '"confirmed" adds the DLE EOT status-after round trip that confirms the print.',
      ...tap.notes,
    ],
  };
}
