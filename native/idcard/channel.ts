/**
 * One open connection to a reader: frames out, replies back, one command at a time,
 * with a per-command timeout and bounded retries. A reader that stops answering is
 * reported as lost, the same as a closed port.
 */
import { FrameAssembler, type FramerEvent } from './framer.js';
import { encodeRequest, type CommandName } from './protocol.js';
import { parseReply, type SamReply } from './response.js';
import type { SamTransport } from './transport.js';

export type ExchangeResult = { kind: 'reply'; reply: SamReply } | { kind: 'lost'; reason: string };

export interface ChannelOptions {
  commandTimeoutMs: number;
  /** Longer: the read reply is 1295 bytes (112 ms at 115200, 1.35 s at 9600). */
  readTimeoutMs: number;
  /** Extra attempts after the first, on timeout or a reader-reported checksum/length error. */
  retries: number;
  onDiscard?: (event: FramerEvent & { type: 'discard' }) => void;
}

const READ_COMMANDS: ReadonlySet<CommandName> = new Set(['readTextPhoto', 'readTextPhotoFingerprint', 'readExtraAddress']);

export class SamChannel {
  private readonly framer = new FrameAssembler();
  private waiter: ((frame: Uint8Array | Error) => void) | undefined;
  private lostReason: string | undefined;
  private lostListeners: Array<(reason: string) => void> = [];

  constructor(
    readonly transport: SamTransport,
    private readonly options: ChannelOptions,
  ) {}

  async open(): Promise<void> {
    await this.transport.open({
      data: (chunk) => this.onData(chunk),
      closed: (reason) => this.markLost(reason?.message ?? 'port closed'),
    });
  }

  get lost(): string | undefined {
    return this.lostReason;
  }

  onLost(listener: (reason: string) => void): void {
    this.lostListeners.push(listener);
  }

  close(): Promise<void> {
    this.markLost('closed by the kiosk');
    return this.transport.close();
  }

  async exchange(name: CommandName): Promise<ExchangeResult> {
    const timeoutMs = READ_COMMANDS.has(name) ? this.options.readTimeoutMs : this.options.commandTimeoutMs;
    const request = encodeRequest(name);
    let lastProblem = 'no reply';
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (this.lostReason) return { kind: 'lost', reason: this.lostReason };
      // Bytes left from an earlier, timed-out reply must not be glued to this one.
      this.framer.reset();
      const frame = await this.send(request, timeoutMs);
      if (frame instanceof Error) {
        if (this.lostReason) return { kind: 'lost', reason: this.lostReason };
        lastProblem = frame.message;
        continue;
      }
      const reply = parseReply(frame);
      if (!reply.ok) {
        lastProblem = reply.message;
        continue;
      }
      if (reply.status.code === 'checksum-error' || reply.status.code === 'length-error') {
        lastProblem = reply.status.message;
        continue;
      }
      return { kind: 'reply', reply };
    }
    const reason = `ID reader on ${this.transport.description} not answering (${lastProblem} after ${this.options.retries + 1} attempts): check the cable`;
    return { kind: 'lost', reason };
  }

  private send(request: Uint8Array, timeoutMs: number): Promise<Uint8Array | Error> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(new Error(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = (frame) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(frame);
      };
      let written: Promise<void>;
      try {
        written = this.transport.write(request);
      } catch (err) {
        written = Promise.reject(err as Error);
      }
      written.catch((err: Error) => this.markLost(err.message));
    });
  }

  private onData(chunk: Uint8Array): void {
    for (const event of this.framer.push(chunk, Date.now())) {
      if (event.type === 'discard') this.options.onDiscard?.(event);
      // A frame nobody waits for (late reply after a timeout) is dropped.
      else this.waiter?.(event.frame);
    }
  }

  private markLost(reason: string): void {
    if (this.lostReason) return;
    this.lostReason = reason;
    this.waiter?.(new Error(reason));
    for (const listener of this.lostListeners) listener(reason);
  }
}
