/**
 * The reader's conversation: connect and probe the SAM, then poll find → select →
 * read; one card event per physical presentation; reconnect with backoff when the
 * reader goes away (port closed, error, or silence).
 *
 * "Same card still present": after a read, a find that still answers 9F is the card
 * left on the reader and is not read again; a find that answers 80 means the card
 * left (removal event), and the next 9F is a new presentation.
 */
import type { Identity } from '../../electron/common/identity.js';
import { SamChannel, type ExchangeResult } from './channel.js';
import { parseCardPayload, type SamReply } from './response.js';
import { decodeCardText } from './text.js';
import type { SamTransport } from './transport.js';

export type DriverState = 'connecting' | 'ready' | 'no-device' | 'reconnecting' | 'sam-fault' | 'stopped';

export interface DriverStatus {
  state: DriverState;
  message: string;
  port: string;
}

export interface IdCardRead {
  identity: Identity;
  /** WLT bytes, opaque (see photo.ts). */
  photo: Uint8Array;
  fingerprint?: Uint8Array;
  /** Fields that did not decode cleanly, e.g. a bad ID check digit. */
  warnings: string[];
  readAt: number;
}

export interface IdCardDriverOptions {
  /** Makes a fresh transport for each connection attempt. */
  transport: () => SamTransport;
  pollIntervalMs?: number;
  commandTimeoutMs?: number;
  readTimeoutMs?: number;
  retries?: number;
  /** Reconnect backoff: doubles from `reconnectMinMs` up to `reconnectMaxMs`. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  withFingerprint?: boolean;
  /** Failed reads of one presentation before giving up on it until it is removed. */
  maxReadAttempts?: number;
}

export interface IdCardDriverEvents {
  status: DriverStatus;
  card: IdCardRead;
  /** The card that produced the last event left the reader. */
  removed: undefined;
  /** A presentation could not be read after `maxReadAttempts`: ask for it again. */
  readError: string;
  /** Diagnostics for the log (discarded bytes, retries, reasons for reconnecting). */
  log: string;
}
/**
 * How often an idle reader is asked for a card. A card put down waits for the next poll
 * (half an interval on average) before the ~118 ms its find, select and read frames take at
 * 115200 baud; the goal is the name on screen within that + 80 ms (median), + 180 ms (p99).
 * Measured with `npm run bench -- card-to-screen` (README "Card on the reader → name on
 * screen"): at 250 ms the poll's wait alone (median 123-158 ms) is more than the 80 ms; at
 * 100 ms (67-74 ms) it still takes most of it; at 50 ms it is 25 ms on average (43-47 ms
 * measured on an overloaded machine), leaving the rest for the driver, core, bridge and paint;
 * 25 ms measured no better than 50 end to end and doubles the idle polls.
 * An idle poll is 25 bytes on the line (2.2 ms of a 50 ms cycle) and costs ~1.4 ms of CPU (by
 * strace and a CPU profile: serialport's reads, writes and thread-pool hand-offs, little of it
 * our JavaScript), so 50 ms costs the core 1.3-1.5 s of CPU a minute, about 2 % of one core,
 * against 0.3 s at 250 ms.
 */
export const DEFAULT_POLL_INTERVAL_MS = 50;

type Listeners = { [K in keyof IdCardDriverEvents]: Set<(value: IdCardDriverEvents[K]) => void> };

export class IdCardDriver {
  private readonly opts: Required<Omit<IdCardDriverOptions, 'transport'>> & Pick<IdCardDriverOptions, 'transport'>;
  private readonly listeners: Listeners = {
    status: new Set(),
    card: new Set(),
    removed: new Set(),
    readError: new Set(),
    log: new Set(),
  };
  private current: DriverStatus;
  private stopped = true;
  private loop: Promise<void> | undefined;
  private channel: SamChannel | undefined;
  private wake: (() => void) | undefined;
  /** A card was read (or given up on) and has not been seen leaving yet. */
  private cardHeld = false;
  private readAttempts = 0;

  constructor(options: IdCardDriverOptions) {
    this.opts = {
      pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
      commandTimeoutMs: 500,
      readTimeoutMs: 3000,
      retries: 2,
      reconnectMinMs: 250,
      reconnectMaxMs: 5000,
      withFingerprint: false,
      maxReadAttempts: 3,
      ...options,
    };
    this.current = { state: 'stopped', message: 'ID reader not started', port: '' };
  }

  on<K extends keyof IdCardDriverEvents>(event: K, listener: (value: IdCardDriverEvents[K]) => void): () => void {
    const set = this.listeners[event];
    set.add(listener);
    return () => set.delete(listener);
  }

  status(): DriverStatus {
    return this.current;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.channel?.close();
    await this.loop;
    this.setStatus('stopped', 'ID reader stopped', this.current.port);
  }

  /** Runs one command on the open connection (for diagnostics such as --probe). */
  async command(name: Parameters<SamChannel['exchange']>[0]): Promise<ExchangeResult> {
    if (!this.channel || this.channel.lost) return { kind: 'lost', reason: 'ID reader is not connected' };
    return this.channel.exchange(name);
  }

  private emit<K extends keyof IdCardDriverEvents>(event: K, value: IdCardDriverEvents[K]): void {
    for (const listener of this.listeners[event]) listener(value);
  }

  private setStatus(state: DriverState, message: string, port: string): void {
    if (this.current.state === state && this.current.message === message) return;
    this.current = { state, message, port };
    this.emit('status', this.current);
  }

  private async run(): Promise<void> {
    let failures = 0;
    let everReady = false;
    while (!this.stopped) {
      const transport = this.opts.transport();
      const port = transport.description;
      if (failures === 0 && !everReady) this.setStatus('connecting', `opening ID reader on ${port}`, port);
      const lost = await this.session(transport, () => {
        everReady = true;
        failures = 0;
      });
      if (this.stopped) break;
      failures++;
      const delay = Math.min(this.opts.reconnectMinMs * 2 ** Math.min(failures - 1, 16), this.opts.reconnectMaxMs);
      this.emit('log', `${lost}; retrying in ${delay} ms`);
      if (everReady) this.setStatus('reconnecting', `${lost}; reconnecting`, port);
      else this.setStatus('no-device', lost, port);
      await this.sleep(delay);
    }
  }

  /** One connection: open, probe, poll until lost. Returns why it ended. */
  private async session(transport: SamTransport, onReady: () => void): Promise<string> {
    const channel = new SamChannel(transport, {
      commandTimeoutMs: this.opts.commandTimeoutMs,
      readTimeoutMs: this.opts.readTimeoutMs,
      retries: this.opts.retries,
      onDiscard: (d) => this.emit('log', `discarded ${d.bytes} bytes (${d.reason}) from ${transport.description}`),
    });
    channel.onLost(() => this.wake?.());
    try {
      await channel.open();
    } catch (err) {
      await transport.close().catch(() => undefined);
      return (err as Error).message;
    }
    this.channel = channel;
    try {
      const probe = await this.waitForHealthySam(channel);
      if (probe) return probe;
      onReady();
      this.setStatus('ready', `ID reader on ${transport.description} ready`, transport.description);
      return await this.poll(channel);
    } finally {
      this.channel = undefined;
      await channel.close().catch(() => undefined);
    }
  }

  /** Returns undefined once the SAM answers OK, or the reason the connection ended. */
  private async waitForHealthySam(channel: SamChannel): Promise<string | undefined> {
    let faults = 0;
    while (!this.stopped) {
      const result = await channel.exchange('samStatus');
      if (result.kind === 'lost') return result.reason;
      const { status } = result.reply;
      if (status.ok) return undefined;
      faults++;
      this.setStatus('sam-fault', `ID reader on ${channel.transport.description}: ${status.message}`, channel.transport.description);
      // A reset sometimes clears a SAM that failed its self-test.
      if (faults === 1) await channel.exchange('resetSam');
      await this.sleep(Math.min(this.opts.reconnectMinMs * 2 ** Math.min(faults, 16), this.opts.reconnectMaxMs));
    }
    return 'stopped';
  }

  private async poll(channel: SamChannel): Promise<string> {
    while (!this.stopped) {
      const found = await channel.exchange('findCard');
      if (found.kind === 'lost') return found.reason;
      const outcome = await this.onFind(channel, found.reply);
      if (outcome) return outcome;
      await this.sleep(this.opts.pollIntervalMs);
      if (channel.lost) return channel.lost;
    }
    return 'stopped';
  }

  private async onFind(channel: SamChannel, reply: SamReply): Promise<string | undefined> {
    const { status } = reply;
    if (status.code === 'card-found') {
      if (this.cardHeld) return undefined; // same card still on the reader
      return this.readCard(channel);
    }
    if (status.code === 'no-card') {
      this.readAttempts = 0;
      if (this.cardHeld) {
        this.cardHeld = false;
        this.emit('removed', undefined);
      }
      return undefined;
    }
    if (status.samFault) {
      const why = await this.waitForHealthySam(channel);
      if (why) return why;
      this.setStatus('ready', `ID reader on ${channel.transport.description} ready`, channel.transport.description);
      return undefined;
    }
    this.emit('log', `find card: ${status.message}`);
    return undefined;
  }

  private async readCard(channel: SamChannel): Promise<string | undefined> {
    const selected = await channel.exchange('selectCard');
    if (selected.kind === 'lost') return selected.reason;
    if (!selected.reply.status.ok) {
      this.emit('log', `select card: ${selected.reply.status.message}`);
      return undefined; // moved away mid-swipe: the next poll tries again
    }
    const withFp = this.opts.withFingerprint;
    const read = await channel.exchange(withFp ? 'readTextPhotoFingerprint' : 'readTextPhoto');
    if (read.kind === 'lost') return read.reason;
    const problem = this.deliverRead(read.reply, withFp);
    if (problem) {
      this.readAttempts++;
      if (this.readAttempts >= this.opts.maxReadAttempts) {
        // Stop retrying this presentation; the citizen is asked to present it again.
        this.cardHeld = true;
        this.emit('readError', problem);
      } else this.emit('log', problem);
    }
    return undefined;
  }

  /** Decodes a read reply and emits the card; returns a problem sentence on failure. */
  private deliverRead(reply: SamReply, withFingerprint: boolean): string | undefined {
    if (!reply.status.ok) return `read card: ${reply.status.message}`;
    const payload = parseCardPayload(reply.data, withFingerprint);
    if ('ok' in payload) return `read card: ${payload.message}`;
    const text = decodeCardText(payload.text);
    if (!text.ok) return `read card: ${text.message}`;
    this.cardHeld = true;
    this.readAttempts = 0;
    const event: IdCardRead = { identity: text.identity, photo: payload.photo, warnings: text.warnings, readAt: Date.now() };
    if (payload.fingerprint) event.fingerprint = payload.fingerprint;
    this.emit('card', event);
    return undefined;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = () => {
        clearTimeout(timer);
        done();
      };
      function done() {
        resolve();
      }
      this.wake = wake;
    });
  }
}
