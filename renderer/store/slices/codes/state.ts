import type { CodeScanOutcome } from '../../../../electron/common/code-scan.js';
import type { PrintView } from '../../../../electron/common/journey-schemas.js';

/** 扫码: the last scan's outcome while its screen shows it, and a reprint of a scanned ticket. */
export interface CodesState {
  /** null: the code step shows its instructions (what to scan, where). */
  codeScan: CodeScanOutcome | null;
  /** The copy printed of the ticket whose QR was scanned (補打), once per scan. */
  scannedTicketPrint: PrintView | null;
}

export const initialCodesState: CodesState = { codeScan: null, scannedTicketPrint: null };
