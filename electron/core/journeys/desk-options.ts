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
  kioskId: string;
  /** Base of the QR links on tickets and receipts. */
  trackingBaseUrl: string;
  now?: () => number;
  /** The store refused a write for lack of disk: the status bar must say so. */
  onStoreFull?: (message: string) => void;
}
