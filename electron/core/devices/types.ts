/**
 * What the core needs from each device driver. Each device's factory lives in
 * `electron/core/devices/<device>.ts` and adapts a `native/<device>` driver to these.
 */
import type { CardReadEvent } from '../../common/identity.js';
import type { DeviceStatus } from '../../common/device-status.js';
import type { Scan } from '../../common/scan-codes.js';

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

/**
 * The 2D barcode scanner: one `onScan` per code (a repeat of the same code within the
 * configured window is dropped by the driver). The text may hold an identity token:
 * never log or store it (scan-codes.ts `describeCode` says what may be logged).
 */
export interface ScannerDevice extends DeviceSupervisor {
  onScan(listener: (scan: Scan) => void): Unsubscribe;
}
