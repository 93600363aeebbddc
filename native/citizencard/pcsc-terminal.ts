/**
 * PC/SC transport over @pokusew/pcsclite (libpcsclite → pcscd). The binding is kept
 * behind the small `PcscBinding` shape below. Its constructor spins on the calling
 * thread while pcscd is down, so we only construct it after pcscd's socket accepts a
 * connection.
 */
import net from 'node:net';
import { CitizenCardError } from './errors.js';
import { withTimeout, type CardPresence, type CardSession, type CardTerminal } from './terminal.js';

/** The parts of @pokusew/pcsclite this transport uses. */
export interface PcscReader {
  name: string;
  SCARD_SHARE_EXCLUSIVE: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_STATE_PRESENT: number;
  SCARD_STATE_MUTE: number;
  SCARD_LEAVE_CARD: number;
  on(event: 'status', listener: (status: { state: number; atr?: Buffer }) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  connect(options: { share_mode: number; protocol: number }, cb: (err: unknown, protocol: number) => void): void;
  disconnect(disposition: number, cb: (err: unknown) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, cb: (err: unknown, response: Buffer) => void): void;
  /** Stops the reader's status-watching thread. */
  close(): void;
}
export interface PcscBinding {
  on(event: 'reader', listener: (reader: PcscReader) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): void;
}

export interface PcscTerminalOptions {
  /** Substring of the reader name; the first reader when absent. */
  reader?: string;
  /** pcscd's socket (libpcsclite honours PCSCLITE_CSOCK_NAME too). */
  socketPath?: string;
  /** How long open() waits for pcscd to list a matching reader. */
  readerWaitMs?: number;
  transmitTimeoutMs?: number;
  load?: () => Promise<() => PcscBinding>;
}

const DEFAULT_SOCKET = '/run/pcscd/pcscd.comm';

async function loadPokusew(): Promise<() => PcscBinding> {
  const mod = (await import('@pokusew/pcsclite')) as unknown as { default: () => PcscBinding };
  return mod.default;
}

/** True when something accepts connections on pcscd's Unix socket. */
export function pcscdAnswers(socketPath: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export class PcscTerminal implements CardTerminal {
  private context: PcscBinding | undefined;
  private reader: PcscReader | undefined;
  /** Every reader the context announced: each runs a status thread that must be closed. */
  private readers = new Set<PcscReader>();
  private state = 0;
  private atr = new Uint8Array(0);
  private lost: string | undefined;
  private readonly socketPath: string;

  constructor(private readonly options: PcscTerminalOptions = {}) {
    this.socketPath = options.socketPath ?? process.env.PCSCLITE_CSOCK_NAME ?? DEFAULT_SOCKET;
  }

  get location(): string {
    return this.reader?.name ?? (this.options.reader ? `PC/SC reader "${this.options.reader}"` : 'PC/SC');
  }

  async open(): Promise<void> {
    if (!(await pcscdAnswers(this.socketPath))) {
      throw new CitizenCardError('reader-unavailable', `pcscd is not running (no answer on ${this.socketPath}): start it with \`pcscd\` or \`systemctl start pcscd\``);
    }
    const create = await (this.options.load ?? loadPokusew)();
    const context = create();
    this.context = context;
    this.lost = undefined;
    const matched = new Promise<void>((resolve) => {
      context.on('reader', (reader) => {
        // Every reader emits 'error' when pcscd goes; an unheard 'error' would crash the process.
        reader.on('error', () => undefined);
        this.readers.add(reader);
        if (this.reader || (this.options.reader && !reader.name.includes(this.options.reader))) return;
        this.reader = reader;
        this.state = 0;
        reader.on('status', (s) => {
          if (this.reader !== reader) return;
          this.state = s.state;
          this.atr = s.atr ? new Uint8Array(s.atr) : new Uint8Array(0);
        });
        reader.on('end', () => {
          if (this.reader === reader) this.lost ??= `PC/SC reader ${reader.name} was unplugged (or pcscd stopped)`;
        });
        resolve();
      });
    });
    context.on('error', (err) => {
      this.lost = `lost pcscd (${err.message})`;
    });
    try {
      await withTimeout(matched, this.options.readerWaitMs ?? 1500, () => new CitizenCardError('reader-unavailable', this.noReaderMessage()));
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  private noReaderMessage(): string {
    return this.options.reader
      ? `no PC/SC reader named like "${this.options.reader}": plug the reader in or fix devices.citizencard.reader`
      : 'no PC/SC reader attached: plug the citizen-card reader in';
  }

  async close(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    this.reader = undefined;
    this.state = 0;
    for (const reader of this.readers) reader.close();
    this.readers.clear();
    context?.close();
  }

  async presence(): Promise<CardPresence> {
    const reader = this.reader;
    if (this.lost || !reader) throw new CitizenCardError('reader-unavailable', `${this.lost ?? this.noReaderMessage()}: waiting for it to come back`);
    return this.state & reader.SCARD_STATE_PRESENT ? 'present' : 'absent';
  }

  async connect(): Promise<CardSession> {
    const reader = this.reader;
    if (!reader) throw new CitizenCardError('reader-unavailable', this.noReaderMessage());
    const timeoutMs = this.options.transmitTimeoutMs ?? 5000;
    const timeout = () => new CitizenCardError('reader-timeout', `PC/SC reader ${reader.name} did not answer within ${timeoutMs} ms: re-plug the reader`);
    const protocol = await withTimeout(
      new Promise<number>((resolve, reject) =>
        reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE, protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1 }, (err, p) =>
          err ? reject(pcscError(err, reader.name)) : resolve(p),
        ),
      ),
      timeoutMs,
      timeout,
    );
    return {
      atr: this.atr,
      protocol: protocol === reader.SCARD_PROTOCOL_T0 ? 'T=0' : 'T=1',
      transmit: (command) =>
        withTimeout(
          new Promise<Uint8Array>((resolve, reject) =>
            reader.transmit(Buffer.from(command), 258, protocol, (err, response) =>
              err
                ? reject(pcscError(err, reader.name))
                : response.length === 0
                  ? // A card always answers SW1 SW2; nothing back means it left the reader (vpcd does this).
                    reject(new CitizenCardError('card-removed', `card in ${reader.name} stopped answering mid-read (no status word): probably pulled out`))
                  : resolve(new Uint8Array(response)),
            ),
          ),
          timeoutMs,
          timeout,
        ),
      close: () =>
        new Promise<void>((resolve) => {
          // Leave the card powered: the driver waits for it to leave before the next read.
          reader.disconnect(reader.SCARD_LEAVE_CARD, () => resolve());
        }),
    };
  }
}

/** PC/SC return codes the citizen can cause (card pulled out) versus reader faults. */
function pcscError(err: unknown, readerName: string): CitizenCardError {
  const message = err instanceof Error ? err.message : String(err);
  // 0x80100069 removed card, 0x8010000C no smartcard, 0x80100068 reset by another app.
  if (/8010006[89]|8010000C|removed|No smart card/i.test(message)) {
    return new CitizenCardError('card-removed', `card left PC/SC reader ${readerName} during the read (${message})`, { cause: err });
  }
  if (/80100066|8010006[56]|unresponsive|unpowered|unsupported card/i.test(message)) {
    return new CitizenCardError('read-failed', `card in ${readerName} does not answer (${message}): ask the citizen to re-insert it`, { cause: err });
  }
  if (/8010000B|sharing violation/i.test(message)) {
    return new CitizenCardError('reader-error', `another program holds the card in ${readerName} (${message}): close it (pcsc_scan, scriptor, a browser plug-in)`, { cause: err });
  }
  return new CitizenCardError('reader-error', `PC/SC reader ${readerName} failed (${message}): re-plug the reader or restart pcscd`, { cause: err });
}
