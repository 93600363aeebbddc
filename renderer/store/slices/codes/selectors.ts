import type { KioskState } from '../../types.js';

export const selectCodeScan = (s: KioskState) => s.codeScan;
export const selectScannedTicketPrint = (s: KioskState) => s.scannedTicketPrint;
/** Identity codes need the central system: offline, the code step says so before anyone scans. */
export const selectCodesCheckable = (s: KioskState) => s.sync?.online ?? false;
