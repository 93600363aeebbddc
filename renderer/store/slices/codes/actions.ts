import type { CodeScanOutcome } from '../../../../electron/common/code-scan.js';
import type { SliceCreator } from '../../types.js';
import { initialCodesState, type CodesState } from './state.js';

export interface CodesActions {
  /** The core handled a scanned code: an identified citizen arrives as the session; everything else is said on the code step. */
  codeScanned(outcome: CodeScanOutcome): void;
  /** 不带证件？ on the attract screen: the code step with its instructions. */
  codeStepOpened(): void;
  /** 重新打印 on a scanned ticket's status. */
  scannedTicketReprintRequested(): Promise<void>;
  /** 返回 from the code step: the citizen's home when a session is open, else the attract screen. */
  codeStepClosed(): void;
}

export const createCodesSlice: SliceCreator<CodesState & CodesActions> = (set, get, client) => ({
  ...initialCodesState,
  codeScanned: (outcome) => {
    if (outcome.outcome === 'identified') {
      set({ ...initialCodesState });
      return;
    }
    // The staff screen is not for citizens' codes.
    if (get().screen === 'maintenance') return;
    set({ codeScan: outcome, scannedTicketPrint: null, screen: 'help', problem: null });
  },
  codeStepOpened: () => set({ ...initialCodesState, screen: 'help', problem: null }),
  scannedTicketReprintRequested: async () => {
    const scan = get().codeScan;
    if (scan?.outcome !== 'ticket-status') return;
    set({ pending: 'reprintScannedTicket', problem: null });
    try {
      const print = await client.reprintScannedTicket(scan.ticket.ticketNo);
      if (get().codeScan === scan) set({ scannedTicketPrint: print });
    } catch (error) {
      get().callFailed('reprintScannedTicket', error);
    } finally {
      set({ pending: null });
    }
  },
  codeStepClosed: () => set({ ...initialCodesState, screen: get().session ? 'citizen-home' : 'attract', problem: null }),
});
