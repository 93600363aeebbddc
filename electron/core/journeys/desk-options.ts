import type { KioskStore } from '../store/kiosk-store.js';
import type { CentralClient } from '../sync/central-client.js';
import type { PrintDesk } from './print-desk.js';

/** What every journey desk is built from (Journeys wires them once). */
export interface DeskOptions {
  store: KioskStore;
  /** null: no central system configured; every live call degrades as when offline. */
  central: CentralClient | null;
  print: PrintDesk;
  hallName: string;
  /** The hall's IANA time zone: paper and application numbers use it (config hall.timeZone). */
  timeZone: string;
  kioskId: string;
  /** Base of the QR links on tickets and receipts. */
  trackingBaseUrl: string;
  now?: () => number;
  /** The store refused a write for lack of disk: the status bar must say so. */
  onStoreFull?: (message: string) => void;
}
