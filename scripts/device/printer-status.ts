/**
 * `npm run -s device -- printer-status --port <path> [--baud 115200] | --tcp <host:port> | --lp <path>`
 * Queries DLE EOT 1..4 and prints the status as JSON. Exit 0 printable, 1 not, 2 usage.
 * Also holds the argument parsing shared with print-test.
 */
import type { PrinterConfig } from '../../electron/common/config.js';
import { printerTransportFor } from '../../electron/core/devices/printer.js';
import { EscPosPrinterDriver, PrinterSilentError, problemMessage } from '../../native/printer/driver.js';
import { problemOf, type PrinterStatusFlags } from '../../native/printer/status.js';

const USAGE = '--port <path> [--baud 115200] | --tcp <host:port> | --lp <path>  [--paper 58|80] [--timeout ms]';

export interface PrinterTarget {
  config: PrinterConfig;
  paper: 58 | 80;
  timeoutMs: number;
}

export function parsePrinterArgs(argv: string[]): PrinterTarget | string {
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i] ?? '';
    const value = argv[i + 1];
    if (!key.startsWith('--') || value === undefined) return `expected --option value, got '${key}'`;
    opts.set(key.slice(2), value);
    i++;
  }
  const paperText = opts.get('paper') ?? '80';
  if (paperText !== '58' && paperText !== '80') return `--paper must be 58 or 80, got '${paperText}'`;
  const paper = paperText === '58' ? 58 : 80;
  const timeoutMs = Number(opts.get('timeout') ?? 1000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return '--timeout must be a positive number of milliseconds';
  const port = opts.get('port');
  const tcp = opts.get('tcp');
  const lp = opts.get('lp');
  if ([port, tcp, lp].filter(Boolean).length !== 1) return 'give exactly one of --port, --tcp, --lp';
  if (port) {
    const baud = Number(opts.get('baud') ?? 115200);
    if (!Number.isInteger(baud) || baud <= 0) return '--baud must be a positive integer';
    return { config: { transport: 'serial', port, baud, paper }, paper, timeoutMs };
  }
  if (tcp) {
    const match = /^(.+):(\d+)$/.exec(tcp);
    const [host, portText] = match ? [match[1] ?? '', match[2] ?? ''] : [tcp, '9100'];
    return { config: { transport: 'tcp', host, port: Number(portText), paper }, paper, timeoutMs };
  }
  return { config: { transport: 'lp', path: lp ?? '', paper }, paper, timeoutMs };
}

/** Opens the printer named by argv, runs `body`, closes; prints usage/open errors to stderr. */
export async function withPrinter(
  command: string,
  argv: string[],
  body: (driver: EscPosPrinterDriver, target: PrinterTarget) => Promise<number>,
): Promise<number> {
  const target = parsePrinterArgs(argv);
  if (typeof target === 'string') {
    process.stderr.write(`${target}\nusage: npm run -s device -- ${command} ${USAGE}\n`);
    return 2;
  }
  const transport = printerTransportFor(target.config);
  try {
    await transport.open();
  } catch (err) {
    process.stdout.write(`${JSON.stringify({ port: transport.description, state: 'no-device', message: (err as Error).message }, null, 2)}\n`);
    return 1;
  }
  const driver = new EscPosPrinterDriver(transport, { statusTimeoutMs: target.timeoutMs });
  try {
    return await body(driver, target);
  } finally {
    driver.dispose();
    await transport.close();
  }
}

export interface PrinterStatusReport {
  port: string;
  state: 'ready' | 'attention' | 'fault' | 'no-device';
  problem: string | null;
  message: string;
  flags: PrinterStatusFlags | null;
}

export async function printerStatusReport(driver: EscPosPrinterDriver): Promise<PrinterStatusReport> {
  const port = driver.transport.description;
  if (!driver.transport.bidirectional) return { port, state: 'ready', problem: null, message: 'write-only device: no status', flags: null };
  try {
    const flags = await driver.queryStatus();
    const problem = problemOf(flags);
    if (problem) return { port, state: problem === 'offline' ? 'no-device' : 'fault', problem, message: problemMessage(problem, port), flags };
    if (flags.paperNearEnd) return { port, state: 'attention', problem: null, message: `printer on ${port} is near the end of its paper roll: replace the roll soon`, flags };
    return { port, state: 'ready', problem: null, message: `printer on ${port} ready`, flags };
  } catch (err) {
    const message = err instanceof PrinterSilentError ? err.message : (err as Error).message;
    return { port, state: 'no-device', problem: 'offline', message, flags: null };
  }
}

export async function run(argv: string[]): Promise<number> {
  return withPrinter('printer-status', argv, async (driver) => {
    const report = await printerStatusReport(driver);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.state === 'ready' || report.state === 'attention' ? 0 : 1;
  });
}
