/**
 * What the core needs from each device driver. Each device's factory lives in
 * `electron/core/devices/<device>.ts` and adapts a `native/<device>` driver to these.
 */
import type { CardReadEvent } from '../../common/identity.js';
import type { DeviceStatus } from '../../common/device-status.js';

export interface Unsubscribe {
  (): void;
}

export interface DeviceSupervisor {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
}

/** ID-card and citizen-card readers: one event per physical presentation of a card. */
export interface CardReaderDevice extends DeviceSupervisor {
  onCard(listener: (event: CardReadEvent) => void): Unsubscribe;
  /** Fired when the card that produced the last event leaves the reader. */
  onCardRemoved(listener: () => void): Unsubscribe;
  /** A card was presented but could not be read or used (the citizen is told to try again). */
  onCardError?(listener: (error: Error) => void): Unsubscribe;
}

export type PrintFailure = 'offline' | 'cover-open' | 'paper-out' | 'cutter-error' | 'error';

export type PrintOutcome =
  | { ok: true; nearEnd: boolean }
  | { ok: false; failure: PrintFailure; message: string };

export interface PrinterDevice extends DeviceSupervisor {
  /** Sends already-encoded ESC/POS bytes with status checks before and after. */
  print(bytes: Uint8Array): Promise<PrintOutcome>;
  paperWidth(): 58 | 80;
}
