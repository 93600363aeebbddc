/**
 * What the printing templates take: plain data, built by the core from a committed
 * ticket or application. Times are epoch milliseconds, printed in the hall's time zone.
 */

/** Priority handling printed on the ticket (elderly, disabled, military…) or the green channel. */
export type TicketPriorityMark = 'priority' | 'green-channel';

export interface TicketPrintModel {
  hallName: string;
  /** The number called out, e.g. 'A023'. */
  ticketNumber: string;
  matter: string;
  peopleAhead: number;
  estimatedWaitMinutes: number;
  /** People ahead is the kiosk's estimate (the live queue was not at hand): printed as 约 …（估算）. */
  queueEstimated?: boolean;
  issuedAt: number;
  /** The hall's IANA time zone (config hall.timeZone); default Asia/Shanghai. */
  timeZone?: string;
  kioskId: string;
  /** Link encoded in the QR code to follow the queue on a phone. */
  trackingUrl: string;
  /** 好差评: a second, smaller QR to rate the service later. */
  evaluationUrl?: string;
  /** ID number of the holder; printed masked whatever is given (never in full). */
  idNumber?: string;
  priority?: TicketPriorityMark;
  /** Set on a reprint, so staff can tell the copies apart. */
  reprint?: boolean;
}

/** How one formerly required proof (证明材料) was satisfied. */
export type ProofResolution =
  | { kind: 'removed'; basis?: string }
  | { kind: 'commitment' }
  | { kind: 'data-check'; source: string }
  | { kind: 'department-verification'; department: string; promisedBy: number };

export interface ProofLine {
  name: string;
  resolution: ProofResolution;
}

export interface ReceiptPrintModel {
  hallName: string;
  matter: string;
  applicationNumber: string;
  /** Printed masked whatever is given. */
  idNumber?: string;
  submittedAt: number;
  /** The hall's IANA time zone (config hall.timeZone); default Asia/Shanghai. */
  timeZone?: string;
  kioskId: string;
  proofs: ProofLine[];
  /** The text of the commitment (告知承诺书) when the applicant signed one. */
  commitmentText?: string;
  nextSteps: string[];
  trackingUrl: string;
  /** 好差评 evaluation link. */
  evaluationUrl: string;
  reprint?: boolean;
}
