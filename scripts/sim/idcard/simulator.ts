/**
 * An ID-card reader on a real pseudo-terminal: the driver opens `devicePath` exactly as
 * it would open /dev/ttyUSB0. Faults are injected per reply; "unplug" closes the
 * simulator's side and removes the device path, "replug" brings a fresh PTY back at
 * the same path (as udev does for a re-enumerated USB-serial adapter).
 */
import { performance } from 'node:perf_hooks';
import type { SerialPort } from '../../../native/serial/serial-port.js';
import { FrameAssembler } from '../../../native/idcard/framer.js';
import type { CommandName } from '../../../native/idcard/protocol.js';
import { PluggablePty } from '../pty-plug.js';
import { writePaced, type WriteTiming } from '../paced-writer.js';
import { findPerson, SIM_PEOPLE } from './people.js';
import { SamResponder } from './responder.js';

export type SimFault =
  | { kind: 'corrupt-checksum' }
  | { kind: 'garbage'; bytes?: number }
  | { kind: 'truncate' }
  | { kind: 'silence' }
  | { kind: 'slow'; byteDelayMs: number }
  | { kind: 'unplug-mid-frame' };

export interface ReplyRecord {
  command: CommandName | undefined;
  /** Reply bytes written, and the request frame's own length (both cross the wire). */
  bytes: number;
  requestBytes: number;
  /** performance.now() when the request was complete, when the first and the last reply byte were written. */
  requestAt: number;
  firstByteAt: number;
  lastByteAt: number;
}

/**
 * A card put in the reader's field or taken out of it, at `at` = performance.now() of this
 * process: the physical moment a card-to-screen timing starts from (before any poll sees it).
 */
export interface PresentationRecord {
  card: string | null;
  at: number;
}

export interface IdCardSimulatorOptions {
  /** Pace replies at this baud (8N1, 10 bits a byte) instead of PTY speed. */
  paceBaud?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class IdCardSimulator {
  readonly responder = new SamResponder();
  /** Stable path for the driver; points at the current PTY while plugged in. */
  readonly devicePath: string;
  paceBaud: number | undefined;
  private readonly line: PluggablePty;
  private requests = new FrameAssembler({ minLen: 3 });
  private faults: Array<SimFault & { command?: CommandName | undefined }> = [];
  private queue: Promise<void> = Promise.resolve();
  private replyListeners = new Set<(r: ReplyRecord) => void>();
  private presentationListeners = new Set<(p: PresentationRecord) => void>();
  /** Every reply sent, most recent last (bounded). */
  readonly log: ReplyRecord[] = [];

  private constructor(options: IdCardSimulatorOptions) {
    this.paceBaud = options.paceBaud;
    this.line = new PluggablePty('idcard', 'ttyIDCARD');
    this.devicePath = this.line.devicePath;
  }

  static async start(options: IdCardSimulatorOptions = {}): Promise<IdCardSimulator> {
    const sim = new IdCardSimulator(options);
    await sim.plug();
    return sim;
  }

  private get port(): SerialPort | undefined {
    return this.line.port;
  }

  get plugged(): boolean {
    return this.port !== undefined;
  }

  insert(cardId: string): void {
    const person = findPerson(cardId);
    if (!person) throw new Error(`no simulated card "${cardId}"; known: ${SIM_PEOPLE.map((p) => p.id).join(', ')} and hall-… (see hall-citizens.ts)`);
    this.responder.card = person;
    this.presented(person.id);
  }

  remove(): void {
    this.responder.card = undefined;
    this.presented(null);
  }

  /** Called synchronously as each card enters or leaves the field. */
  onPresentation(listener: (p: PresentationRecord) => void): () => void {
    this.presentationListeners.add(listener);
    return () => this.presentationListeners.delete(listener);
  }

  private presented(card: string | null): void {
    const record: PresentationRecord = { card, at: performance.now() };
    for (const listener of this.presentationListeners) listener(record);
  }

  /** Applies `fault` to the next reply (to `command` only, when given). */
  inject(fault: SimFault, command?: CommandName): void {
    this.faults.push({ ...fault, command });
  }

  clearFaults(): void {
    this.faults = [];
  }

  onReply(listener: (r: ReplyRecord) => void): () => void {
    this.replyListeners.add(listener);
    return () => this.replyListeners.delete(listener);
  }

  async plug(): Promise<void> {
    await this.line.plug((port) => {
      this.requests = new FrameAssembler({ minLen: 3 });
      port.on('data', (chunk: Buffer) => this.onData(chunk));
    });
  }

  unplug(): Promise<void> {
    return this.line.unplug();
  }

  async close(): Promise<void> {
    await this.unplug();
    await this.queue.catch(() => undefined);
    this.line.removeFolder();
  }

  private onData(chunk: Buffer): void {
    const at = performance.now();
    for (const event of this.requests.push(chunk, Date.now())) {
      if (event.type !== 'frame') continue;
      const frame = event.frame;
      this.queue = this.queue.then(() => this.answer(frame, at)).catch(() => undefined);
    }
  }

  private takeFault(command: CommandName | undefined): SimFault | undefined {
    const i = this.faults.findIndex((f) => f.command === undefined || f.command === command);
    if (i < 0) return undefined;
    return this.faults.splice(i, 1)[0];
  }

  private async answer(request: Uint8Array, requestAt: number): Promise<void> {
    const { command, reply } = this.responder.respond(request);
    const fault = this.takeFault(command);
    let bytes = reply;
    if (fault?.kind === 'silence') return;
    if (fault?.kind === 'corrupt-checksum') {
      bytes = reply.slice();
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x5a;
    }
    if (fault?.kind === 'garbage') {
      const junk = Uint8Array.from({ length: fault.bytes ?? 37 }, (_, i) => (i * 73 + 0x11) & 0xff);
      bytes = Uint8Array.from([...junk, ...reply]);
    }
    if (fault?.kind === 'truncate' || fault?.kind === 'unplug-mid-frame') bytes = reply.subarray(0, Math.floor(reply.length / 2));
    // The request took wire time to arrive at a paced baud, too.
    if (this.paceBaud) {
      const arrivedAt = requestAt + (request.length * 10 * 1000) / this.paceBaud;
      await sleep(Math.max(0, arrivedAt - performance.now()));
    }
    const record = await this.write(bytes, fault?.kind === 'slow' ? fault.byteDelayMs : undefined);
    if (fault?.kind === 'unplug-mid-frame') {
      await this.unplug();
      return;
    }
    if (!record) return;
    const full: ReplyRecord = { command, bytes: bytes.length, requestBytes: request.length, requestAt, ...record };
    this.log.push(full);
    if (this.log.length > 1000) this.log.shift();
    for (const listener of this.replyListeners) listener(full);
  }

  /** Writes at PTY speed, paced at `paceBaud`, or one byte every `byteDelayMs`; undefined when unplugged. */
  private async write(bytes: Uint8Array, byteDelayMs?: number): Promise<WriteTiming | undefined> {
    const port = this.port;
    if (!port) return undefined;
    return writePaced(port, bytes, { baud: this.paceBaud, byteDelayMs, awaitEachWrite: false, connected: () => this.port === port });
  }
}
