/**
 * A virtual card for vsmartcard's vpcd driver: connects by TCP to the port pcscd's
 * vpcd reader listens on and answers its messages (2-byte big-endian length, then the
 * bytes; 1-byte messages are controls: 00 power off, 01 power on, 02 reset, 04 ATR).
 * While a card is "inserted" it keeps reconnecting, so it comes back after pcscd restarts,
 * exactly as a card left in a reader whose driver restarts.
 */
import net from 'node:net';
import { SocialSecurityApplet } from './applet.js';
import type { CardProfile } from './cards.js';
import type { InsertOptions } from './controls.js';

export interface VpcdCardOptions {
  host?: string;
  port: number;
  /** Pause between connection attempts while pcscd is away. */
  retryMs?: number;
}

export class VpcdCard {
  private applet: SocialSecurityApplet | undefined;
  /** APDUs the card answers before the citizen pulls it out (Infinity: stays in). */
  private apdusLeft = Infinity;
  private socket: net.Socket | undefined;
  private retry: NodeJS.Timeout | undefined;
  private connectedOnce: Promise<void> | undefined;
  private resolveConnected: (() => void) | undefined;

  constructor(private readonly options: VpcdCardOptions) {}

  get inserted(): CardProfile | undefined {
    return this.applet?.card;
  }

  /** Puts a card in the virtual reader; resolves once vpcd has accepted the connection. */
  insert(card: CardProfile, options: InsertOptions = {}): Promise<void> {
    this.remove();
    this.applet = new SocialSecurityApplet(card);
    this.apdusLeft = options.pullAfterApdus ?? Infinity;
    this.connectedOnce = new Promise<void>((resolve) => {
      this.resolveConnected = resolve;
    });
    this.connect();
    return this.connectedOnce;
  }

  /** Takes the card out: closes the connection, which vpcd reports as card removal. */
  remove(): void {
    this.applet = undefined;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connect(): void {
    const applet = this.applet;
    if (!applet) return;
    const socket = net.connect({ host: this.options.host ?? '127.0.0.1', port: this.options.port });
    this.socket = socket;
    let buffered = Buffer.alloc(0);
    socket.on('connect', () => {
      this.resolveConnected?.();
      this.resolveConnected = undefined;
    });
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) break;
        const message = new Uint8Array(buffered.subarray(2, 2 + length));
        buffered = buffered.subarray(2 + length);
        const answer = this.handle(applet, message);
        if (answer) socket.write(frame(answer));
      }
    });
    socket.on('error', () => undefined); // 'close' follows; the retry below handles both
    socket.on('close', () => {
      if (this.socket !== socket || this.applet !== applet) return;
      this.socket = undefined;
      this.retry = setTimeout(() => this.connect(), this.options.retryMs ?? 200);
    });
  }

  private handle(applet: SocialSecurityApplet, message: Uint8Array): Uint8Array | undefined {
    if (message.length === 1) {
      const control = message[0];
      if (control === 0x04) return applet.card.atr;
      // 00 power off, 01 power on, 02 reset: the chip starts over; vpcd expects no answer.
      applet.reset();
      return undefined;
    }
    if (this.apdusLeft-- <= 0) {
      queueMicrotask(() => this.remove()); // pulled out mid-read: the command gets no answer
      return undefined;
    }
    return applet.process(message);
  }
}

function frame(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(2 + bytes.length);
  out.writeUInt16BE(bytes.length, 0);
  out.set(bytes, 2);
  return out;
}
