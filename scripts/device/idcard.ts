/**
 * `npm run -s device -- idcard --port <path> [--baud 115200] [--hid <vid:pid>] [--once] [--reveal] [--probe]`
 *
 * For installers: waits for cards and prints one JSON line per read (name, birth date,
 * address and ID number masked unless --reveal); --probe prints the SAM module's status
 * and id. Status changes and problems go to stderr so stdout stays one JSON object per line.
 * `--port @simulator` starts the reader simulator and presents its first card.
 */
import type { IdCardReaderConfig } from '../../electron/common/config.js';
import { identityJson, parseCliArgs, parseHid, parseSerial, waitForReads } from './card-cli.js';
import { idCardTransportFactory } from '../../electron/core/devices/idcard.js';
import { SamChannel } from '../../native/idcard/channel.js';
import { IdCardDriver, type IdCardRead } from '../../native/idcard/driver.js';
import { toHex } from '../../native/idcard/protocol.js';

const USAGE = 'usage: npm run -s device -- idcard (--port <path> [--baud 115200] | --hid <vid:pid>) [--once] [--reveal] [--probe] [--timeout <s>]';

interface CliOptions {
  config: IdCardReaderConfig;
  once: boolean;
  reveal: boolean;
  probe: boolean;
  timeoutMs: number | undefined;
}

function parse(argv: string[]): CliOptions | string {
  const parsed = parseCliArgs(
    argv,
    {
      port: { type: 'string' },
      baud: { type: 'string', default: '115200' },
      hid: { type: 'string' },
      once: { type: 'boolean', default: false },
      reveal: { type: 'boolean', default: false },
      probe: { type: 'boolean', default: false },
      timeout: { type: 'string' },
    },
    USAGE,
  );
  if (typeof parsed === 'string') return parsed;
  const { values, timeoutMs } = parsed;
  const common = { once: values.once, reveal: values.reveal, probe: values.probe, timeoutMs };
  if (values.hid) {
    const hid = parseHid(values.hid);
    return 'error' in hid ? `${hid.error}\n${USAGE}` : { ...common, config: hid };
  }
  if (!values.port) return USAGE;
  const serial = parseSerial(values.port, values.baud);
  return 'error' in serial ? `${serial.error}\n${USAGE}` : { ...common, config: serial };
}

/** The JSON line for one read. */
export function readToJson(read: IdCardRead, reveal: boolean): string {
  return JSON.stringify({
    ...identityJson(read.identity, reveal),
    photoBytes: read.photo.length,
    ...(read.warnings.length ? { warnings: read.warnings } : {}),
  });
}

async function probe(config: IdCardReaderConfig): Promise<number> {
  const transport = idCardTransportFactory(config)();
  const channel = new SamChannel(transport, { commandTimeoutMs: 1000, readTimeoutMs: 3000, retries: 1 });
  try {
    await channel.open();
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
  try {
    const status = await channel.exchange('samStatus');
    if (status.kind === 'lost') {
      console.error(status.reason);
      return 1;
    }
    const id = await channel.exchange('samId');
    const samId = id.kind === 'reply' && id.reply.status.ok ? toHex(id.reply.data) : null;
    const s = status.reply.status;
    console.log(JSON.stringify({ port: transport.description, samStatus: { sw3: s.sw3, code: s.code, ok: s.ok, message: s.message }, samId }));
    return s.ok ? 0 : 1;
  } finally {
    await channel.close();
  }
}

async function read(options: CliOptions): Promise<number> {
  const driver = new IdCardDriver({ transport: idCardTransportFactory(options.config) });
  driver.on('status', (s) => console.error(`[${s.state}] ${s.message}`));
  driver.on('readError', (m) => console.error(`card not read: ${m}`));
  driver.on('removed', () => console.error('card removed'));
  return waitForReads(
    { once: options.once, timeoutMs: options.timeoutMs, waiting: 'waiting for a card', start: () => driver.start(), stop: () => driver.stop() },
    (done) =>
      driver.on('card', (r) => {
        console.log(readToJson(r, options.reveal));
        if (options.once) done(0);
      }),
  );
}

export async function run(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (typeof options === 'string') {
    console.error(options);
    return 2;
  }
  let closeSimulator: (() => Promise<void>) | undefined;
  if (options.config.transport === 'serial' && options.config.port === '@simulator') {
    const { startIdCardSimulator } = await import('../sim/idcard/index.js');
    const sim = await startIdCardSimulator();
    await sim.handleControl({ command: 'insert', args: { card: 'resident-1' } });
    options.config = { ...options.config, port: sim.devicePath };
    closeSimulator = sim.close;
  }
  try {
    return options.probe ? await probe(options.config) : await read(options);
  } finally {
    await closeSimulator?.();
  }
}
