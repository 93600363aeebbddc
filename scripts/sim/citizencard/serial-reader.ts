/**
 * The framed serial citizen-card reader (native/citizencard/README.md) on the
 * simulator end of a real PTY: answers STATUS / POWER ON / POWER OFF / APDU frames
 * for whichever card is inserted.
 */
import { SerialPort } from '../../../native/serial/serial-port.js';
import { CMD, READER_STATUS, REPLY_BIT, SLOT, stxEtxCodec, type Frame } from '../../../native/citizencard/frame-codec.js';
import { SocialSecurityApplet } from './applet.js';
import type { CardProfile } from './cards.js';
import type { CitizenCardSlot, InsertOptions } from './controls.js';

export class SerialCardReaderSim implements CitizenCardSlot {
  private applet: SocialSecurityApplet | undefined;
  private powered = false;
  /** APDUs the card answers before the citizen pulls it out (Infinity: stays in). */
  private apdusLeft = Infinity;
  private silent = false;
  private pendingNoise = 0;
  private port: SerialPort | undefined;
  /** Where replies go: the PTY, or an in-memory line (hid-reader.ts). */
  private write: ((bytes: Buffer) => void) | undefined;

  static async open(simulatorPath: string): Promise<SerialCardReaderSim> {
    const sim = new SerialCardReaderSim();
    await sim.attach(simulatorPath);
    return sim;
  }

  /** Connects the reader to a (new) line; the card in it stays where it is. */
  async attach(simulatorPath: string): Promise<void> {
    const port = new SerialPort({ path: simulatorPath, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    const receive = this.connect((bytes) => port.write(bytes));
    port.on('data', (chunk: Buffer) => receive(new Uint8Array(chunk)));
    port.on('error', () => undefined); // the line going away is the point of unplug tests
    this.port = port;
  }

  /** Connects the reader to a line given as a write function; returns what the host's bytes go into. */
  connect(write: (bytes: Buffer) => void): (bytes: Uint8Array) => void {
    const framer = stxEtxCodec.createFramer();
    this.write = write;
    return (bytes) => {
      for (const frame of framer.push(bytes)) this.answer(frame);
    };
  }

  async insert(card: CardProfile, options: InsertOptions = {}): Promise<void> {
    this.applet = new SocialSecurityApplet(card);
    this.apdusLeft = options.pullAfterApdus ?? Infinity;
    this.powered = false;
  }
  remove(): void {
    this.applet = undefined;
    this.powered = false;
  }
  inserted(): CardProfile | undefined {
    return this.applet?.card;
  }
  plugged(): boolean {
    return this.write !== undefined;
  }
  answering(): boolean {
    return !this.silent;
  }
  mute(): void {
    this.silent = true;
  }
  unmute(): void {
    this.silent = false;
  }
  noise(bytes: number): void {
    this.pendingNoise = bytes;
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    this.write = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private answer(frame: Frame): void {
    const write = this.write;
    if (this.silent || !write) return;
    const reply = (status: number, payload: Uint8Array | number[] = []) => {
      if (this.pendingNoise > 0) {
        // Garbage with a fake STX in it, as a noisy line delivers.
        write(Buffer.from([0xff, 0x02, 0x00, ...Array(Math.max(0, this.pendingNoise - 3)).fill(0x55)]));
        this.pendingNoise = 0;
      }
      write(Buffer.from(stxEtxCodec.encode({ cmd: frame.cmd | REPLY_BIT, data: Uint8Array.from([status, ...payload]) })));
    };
    const applet = this.applet;
    switch (frame.cmd) {
      case CMD.status:
        return reply(READER_STATUS.ok, [applet ? (this.powered ? SLOT.powered : SLOT.present) : SLOT.empty]);
      case CMD.powerOn:
        if (!applet) return reply(READER_STATUS.noCard);
        applet.reset();
        this.powered = true;
        return reply(READER_STATUS.ok, applet.card.atr);
      case CMD.powerOff:
        this.powered = false;
        return reply(READER_STATUS.ok);
      case CMD.apdu:
        if (!applet) return reply(READER_STATUS.noCard);
        if (!this.powered) return reply(READER_STATUS.notPowered);
        if (this.apdusLeft-- <= 0) {
          this.remove(); // pulled out mid-read
          return reply(READER_STATUS.noCard);
        }
        return reply(READER_STATUS.ok, applet.process(frame.data));
      default:
        return reply(READER_STATUS.unknownCommand);
    }
  }
}
