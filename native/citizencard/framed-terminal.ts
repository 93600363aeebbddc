/**
 * A citizen-card reader that carries APDUs in frames (frame-codec.ts), over a serial
 * line or HID reports (byte-link.ts). One request at a time; each waits for the reply
 * with the same command (| 0x80) or times out.
 */
import { CitizenCardError } from './errors.js';
import type { ByteLink } from './byte-link.js';
import { SerialLink } from './serial-link.js';
import { CMD, READER_STATUS, REPLY_BIT, SLOT, stxEtxCodec, type Frame, type FrameCodec, type Framer } from './frame-codec.js';
import type { CardPresence, CardSession, CardTerminal } from './terminal.js';

export interface FramedTerminalOptions {
  codec?: FrameCodec;
  /** How long one request may wait for its reply. */
  replyTimeoutMs?: number;
}

export interface SerialTerminalOptions extends FramedTerminalOptions {
  path: string;
  baudRate?: number;
}

interface Pending {
  cmd: number;
  resolve(frame: Frame): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export class FramedTerminal implements CardTerminal {
  private linkOpen = false;
  private framer: Framer | undefined;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lost: string | undefined;
  private readonly codec: FrameCodec;

  constructor(
    private readonly link: ByteLink,
    private readonly options: FramedTerminalOptions = {},
  ) {
    this.codec = options.codec ?? stxEtxCodec;
  }

  get location(): string {
    return this.link.location;
  }

  async open(): Promise<void> {
    this.framer = this.codec.createFramer();
    this.lost = undefined;
    await this.link.open({ data: (chunk) => this.onData(chunk), closed: (reason) => this.fail(reason) });
    this.linkOpen = true;
    try {
      await this.presence(); // proves something that speaks the protocol is on the line
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    this.linkOpen = false;
    this.pending?.reject(new CitizenCardError('reader-unavailable', `citizen-card reader on ${this.location} closed`));
    await this.link.close();
  }

  async presence(): Promise<CardPresence> {
    const payload = await this.request(CMD.status, new Uint8Array(0));
    return payload[0] === SLOT.present || payload[0] === SLOT.powered ? 'present' : 'absent';
  }

  async connect(): Promise<CardSession> {
    const atr = await this.request(CMD.powerOn, new Uint8Array(0));
    return {
      atr,
      protocol: `framed ${this.codec.name}`,
      transmit: (command) => this.request(CMD.apdu, command),
      close: async () => {
        await this.request(CMD.powerOff, new Uint8Array(0)).catch(() => undefined);
      },
    };
  }

  /** Sends one command and returns the reply payload after the status byte. */
  private request(cmd: number, data: Uint8Array): Promise<Uint8Array> {
    const run = async () => {
      const reply = await this.exchange(cmd, data);
      const status = reply.data[0];
      if (status === READER_STATUS.ok) return reply.data.slice(1);
      throw this.statusError(status);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private exchange(cmd: number, data: Uint8Array): Promise<Frame> {
    if (this.lost || !this.linkOpen) {
      return Promise.reject(new CitizenCardError('reader-unavailable', this.lost ?? `citizen-card reader on ${this.location} is not open`));
    }
    const timeoutMs = this.options.replyTimeoutMs ?? 1000;
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        reject(new CitizenCardError('reader-timeout', `citizen-card reader on ${this.location} not answering within ${timeoutMs} ms: check the cable and the baud rate`));
      }, timeoutMs);
      this.pending = { cmd: cmd | REPLY_BIT, resolve, reject, timer };
      try {
        this.link.write(this.codec.encode({ cmd, data }));
      } catch (err) {
        clearTimeout(timer);
        this.pending = undefined;
        this.fail((err as Error).message);
        reject(err instanceof CitizenCardError ? err : new CitizenCardError('reader-unavailable', (err as Error).message));
      }
    });
  }

  private onData(chunk: Uint8Array): void {
    for (const frame of this.framer?.push(chunk) ?? []) {
      const pending = this.pending;
      // A late reply to a request that already timed out has no taker: drop it.
      if (!pending || frame.cmd !== pending.cmd || frame.data.length === 0) continue;
      this.pending = undefined;
      clearTimeout(pending.timer);
      pending.resolve(frame);
    }
  }

  private fail(message: string): void {
    this.lost = message;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(new CitizenCardError('reader-unavailable', message));
    }
  }

  private statusError(status: number | undefined): CitizenCardError {
    const where = `citizen-card reader on ${this.location}`;
    switch (status) {
      case READER_STATUS.noCard:
      case READER_STATUS.notPowered:
        return new CitizenCardError('card-removed', `${where}: card left the reader`);
      case READER_STATUS.cardMute:
        return new CitizenCardError('read-failed', `${where}: the card does not answer; ask the citizen to re-insert it`);
      case READER_STATUS.badFrame:
        return new CitizenCardError('reader-error', `${where} rejected a frame (bad checksum): check the cable for noise`);
      default:
        return new CitizenCardError('reader-error', `${where} answered status ${status ?? 'none'}: check the reader model and devices.citizencard settings`);
    }
  }
}

/** The framed reader on a serial line. */
export class SerialTerminal extends FramedTerminal {
  constructor(options: SerialTerminalOptions) {
    super(new SerialLink(options.path, options.baudRate), options);
  }
}
