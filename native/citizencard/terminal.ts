/**
 * What the driver needs from a reader, whatever carries the APDUs (PC/SC, a serial
 * framed reader): open it, ask whether a card is in, power the card and talk to it.
 */
import type { ApduTransport } from './transmit.js';

export type CardPresence = 'present' | 'absent';

export interface CardSession extends ApduTransport {
  readonly atr: Uint8Array;
  /** 'T=0' / 'T=1' for PC/SC; the frame codec's name for framed readers. */
  readonly protocol: string;
  /** Releases the card (left powered in the reader for PC/SC, powered off for serial). */
  close(): Promise<void>;
}

export interface CardTerminal {
  /** Where the reader is, for status messages ('Virtual PCD 00 00', '/dev/ttyUSB0'). */
  readonly location: string;
  /** Throws CitizenCardError('reader-unavailable' | 'reader-timeout') when the reader cannot be used. */
  open(): Promise<void>;
  close(): Promise<void>;
  /** Throws CitizenCardError when the reader went away; the driver then re-opens it. */
  presence(): Promise<CardPresence>;
  connect(): Promise<CardSession>;
}

/** Rejects with `onTimeout()` when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
