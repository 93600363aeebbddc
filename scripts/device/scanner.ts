/**
 * `npm run -s device -- scanner (--port <path> [--terminator cr|lf|crlf|any] [--baud 115200] | --hid <vid:pid>) [--once] [--reveal] [--timeout <s>]`
 *
 * For installers: waits for codes and prints one JSON line per scan with the code's kind
 * and length. The text itself (which may be an identity token) only with --reveal.
 * Status changes and dropped bytes go to stderr, so stdout stays one JSON object per line.
 */
import { SCANNER_TERMINATORS, type ScannerConfig, type ScannerTerminator } from '../../electron/common/config.js';
import { classifyCode } from '../../electron/common/scan-codes.js';
import { scannerTransportFactory } from '../../electron/core/devices/scanner.js';
import { ScannerDriver } from '../../native/scanner/driver.js';
import { parseCliArgs, parseHid, parseSerial, waitForReads } from './card-cli.js';

const USAGE = 'usage: npm run -s device -- scanner (--port <path> [--terminator cr|lf|crlf|any] [--baud 115200] | --hid <vid:pid>) [--once] [--reveal] [--timeout <s>]';

interface CliOptions {
  config: ScannerConfig;
  once: boolean;
  reveal: boolean;
  timeoutMs: number | undefined;
}

function parse(argv: string[]): CliOptions | string {
  const parsed = parseCliArgs(
    argv,
    {
      port: { type: 'string' },
      baud: { type: 'string', default: '115200' },
      terminator: { type: 'string', default: 'any' },
      hid: { type: 'string' },
      once: { type: 'boolean', default: false },
      reveal: { type: 'boolean', default: false },
      timeout: { type: 'string' },
    },
    USAGE,
  );
  if (typeof parsed === 'string') return parsed;
  const { values, timeoutMs } = parsed;
  const common = { once: values.once, reveal: values.reveal, timeoutMs };
  // The CLI shows every reading: repeats are the kiosk's business, not the installer's.
  const repeatIgnoreMs = 0;
  if (values.hid) {
    const hid = parseHid(values.hid);
    if ('error' in hid) return `${hid.error}\n${USAGE}`;
    return { ...common, config: { ...hid, repeatIgnoreMs } };
  }
  if (!values.port) return `name the scanner with --port <path> or --hid <vid:pid>\n${USAGE}`;
  if (!(SCANNER_TERMINATORS as readonly string[]).includes(values.terminator)) return `--terminator takes ${SCANNER_TERMINATORS.join(', ')}\n${USAGE}`;
  const serial = parseSerial(values.port, values.baud);
  if ('error' in serial) return `${serial.error}\n${USAGE}`;
  return { ...common, config: { ...serial, terminator: values.terminator as ScannerTerminator, repeatIgnoreMs } };
}

export async function run(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (typeof options === 'string') {
    console.error(options);
    return 2;
  }
  const driver = new ScannerDriver({ transport: scannerTransportFactory(options.config), repeatIgnoreMs: options.config.repeatIgnoreMs });
  driver.on('status', (s) => console.error(`scanner ${s.state}: ${s.message}`));
  driver.on('discard', (d) => console.error(`dropped ${d.bytes} bytes (${d.reason}): ${d.detail}`));
  return waitForReads(
    { once: options.once, timeoutMs: options.timeoutMs, waiting: 'waiting for codes', awaited: 'code', start: () => driver.start(), stop: () => driver.stop() },
    (done) =>
      driver.on('scan', (scan) => {
        const line = { kind: classifyCode(scan.text), length: scan.text.length, at: new Date(scan.at).toISOString(), ...(options.reveal ? { text: scan.text } : {}) };
        console.log(JSON.stringify(line));
        if (options.once) done(0);
      }),
  );
}
