/**
 * `npm run -s device -- citizen-card [--pcsc <reader-name> | --port <path> [--baud 115200] | --hid <vid:pid>] [--once] [--reveal] [--timeout <s>]`
 *
 * For installers: waits for citizen / social-security cards and prints one JSON line
 * per card presented (name, birth date and ID number masked unless --reveal; a card that cannot be used
 * prints {"error": code, …}). Status changes go to stderr so stdout stays JSON lines.
 * `--port @simulator [--card <key>]` starts the framed-reader simulator with that card in it.
 */
import type { CitizenCardReaderConfig } from '../../electron/common/config.js';
import type { CardReadEvent } from '../../electron/common/identity.js';
import { identityJson, parseCliArgs, parseHid, parseSerial, waitForReads } from './card-cli.js';
import { createCitizenCardReader, type CitizenCardReaderOptions } from '../../electron/core/devices/citizencard.js';
import type { CitizenCardError } from '../../native/citizencard/errors.js';

const USAGE =
  'usage: npm run -s device -- citizen-card (--pcsc <reader-name> | --port <path> [--baud 115200] [--card <key>] | --hid <vid:pid>) [--once] [--reveal] [--timeout <s>]\n' +
  "  --pcsc ''  uses the first PC/SC reader; --port @simulator starts the serial reader simulator";

interface CliOptions {
  config: CitizenCardReaderConfig;
  card: string;
  once: boolean;
  reveal: boolean;
  timeoutMs: number | undefined;
}

function parse(argv: string[]): CliOptions | string {
  const parsed = parseCliArgs(
    argv,
    {
      pcsc: { type: 'string' },
      port: { type: 'string' },
      hid: { type: 'string' },
      baud: { type: 'string', default: '115200' },
      card: { type: 'string', default: 'zhang-wei' },
      once: { type: 'boolean', default: false },
      reveal: { type: 'boolean', default: false },
      timeout: { type: 'string' },
    },
    USAGE,
  );
  if (typeof parsed === 'string') return parsed;
  const { values, timeoutMs } = parsed;
  const common = { once: values.once, reveal: values.reveal, timeoutMs, card: values.card };
  if ([values.pcsc, values.port, values.hid].filter((v) => v !== undefined).length > 1) return `give one of --pcsc, --port, --hid\n${USAGE}`;
  if (values.hid !== undefined) {
    const hid = parseHid(values.hid);
    return 'error' in hid ? `${hid.error}\n${USAGE}` : { ...common, config: hid };
  }
  if (values.pcsc !== undefined) {
    return { ...common, config: values.pcsc ? { transport: 'pcsc', reader: values.pcsc } : { transport: 'pcsc' } };
  }
  if (!values.port) return USAGE;
  const serial = parseSerial(values.port, values.baud);
  return 'error' in serial ? `${serial.error}\n${USAGE}` : { ...common, config: serial };
}

/** The JSON line for one card read. */
export function cardToJson(event: CardReadEvent, reveal: boolean): string {
  return JSON.stringify(identityJson(event.identity, reveal));
}

export function cardErrorToJson(error: CitizenCardError): string {
  return JSON.stringify({ error: error.code, message: error.message, citizenMessage: error.citizenMessage });
}

async function read(options: CliOptions, readerOptions: CitizenCardReaderOptions): Promise<number> {
  const reader = createCitizenCardReader(options.config, readerOptions);
  reader.onStatus((s) => console.error(`[${s.state}] ${s.message}`));
  reader.onCardRemoved(() => console.error('card removed'));
  return waitForReads(
    { once: options.once, timeoutMs: options.timeoutMs, waiting: 'waiting for a citizen card', start: () => reader.start(), stop: () => reader.stop() },
    (done) => {
      reader.onCard((event) => {
        console.log(cardToJson(event, options.reveal));
        if (options.once) done(0);
      });
      reader.onCardError((error) => {
        console.log(cardErrorToJson(error));
        if (options.once) done(1);
      });
    },
  );
}

export async function run(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (typeof options === 'string') {
    console.error(options);
    return 2;
  }
  const readerOptions: CitizenCardReaderOptions = {};
  let closeSimulator: (() => Promise<void>) | undefined;
  if (options.config.transport === 'serial' && options.config.port === '@simulator') {
    const { startCitizenCardSimulator } = await import('../sim/citizencard/index.js');
    const sim = await startCitizenCardSimulator();
    closeSimulator = sim.close;
    const inserted = await sim.controls.handleControl({ command: 'insert', args: { card: options.card } });
    if (!inserted.ok) {
      await sim.close();
      console.error(inserted.error);
      return 2;
    }
    readerOptions.simulatorDevicePath = sim.devicePath;
  }
  try {
    return await read(options, readerOptions);
  } finally {
    await closeSimulator?.();
  }
}
