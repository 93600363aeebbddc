/**
 * The code desk (扫码): every scan of the kiosk's 2D scanner, by the kind of code.
 * - An identity code (电子社保卡, 网证, 浙里办 亮码) is resolved once at the central system
 *   and opens a session just as a card does; expired, used, unknown and refused codes
 *   each get their outcome. Offline (by the link's own evidence, or the call failing on
 *   the network) the code cannot be checked and the page offers the card.
 * - This kiosk's own ticket QR shows that ticket's status from the local store (offline too).
 * - An appointment code checks the citizen in at the central system: an appointment ticket.
 * - Anything else is "not used here".
 * A token is a credential: it is sent to the central system once (a retry of a
 * single-use token could only answer `used`) and is never logged, stored, put in an
 * outcome, an error or the audit log. What this desk logs names the kind of code only.
 */
import type { CodeScanOutcome, ScannedTicket } from '../../common/code-scan.js';
import type { ClassifiedCode, IdentityCodeKind, Scan } from '../../common/scan-codes.js';
import type { Identity } from '../../common/identity.js';
import { CentralError, type CentralClient } from '../sync/central-client.js';
import type { CodeIdentification } from '../session.js';
import type { StoredTicket } from '../store/ticket-lookup.js';
import { QUEUES } from './ticket-desk.js';
import type { TicketOutcome } from '../../common/journey-schemas.js';
import type { Appointment } from '../../common/central-api.js';
import { hallDay } from '../store/hall-day.js';
import { JourneyError } from './errors.js';

/** Where scans come from (the scanner device: ScannerDevice.onScan). */
export interface ScanSource {
  onScan(listener: (scan: Scan) => void): () => void;
}

export interface CodeDeskOptions {
  /** Reads a scanned text: its kind and parts (electron/common/scan-codes.ts parseCode). */
  parse: (text: string) => ClassifiedCode;
  /** This kiosk's ticket QR: only its own tickets are in its store. */
  kioskId: string;
  trackingBaseUrl: string;
  central: CentralClient | null;
  /** The link's state by heartbeats and calls (SyncStatus.online). */
  online: () => boolean;
  /** One of this kiosk's tickets from the local store. */
  findTicket: (ticketNo: string) => StoredTicket | null;
  /** Opens (or keeps) the session of a citizen the code identified. */
  identified: (code: CodeIdentification) => void;
  /** 预约签到: the appointment ticket for a checked-in appointment. */
  checkIn: (appointment: Appointment) => Promise<TicketOutcome>;
  /** Every scan's outcome, for the page (never a token or an identity). */
  outcome: (outcome: CodeScanOutcome) => void;
  timeZone: string;
  now?: () => number;
  /** What the desk did, by the kind of code only. */
  log?: (message: string) => void;
}

/** How long after its QR was scanned a ticket may be reprinted from its status screen. */
export const SCANNED_TICKET_REPRINT_MS = 120_000;

export class CodeDesk {
  private readonly now: () => number;
  /** The ticket whose QR was scanned last, and until when it may be reprinted without a session. */
  private scannedTicket: { ticket: StoredTicket; until: number } | null = null;
  private readonly log: (message: string) => void;
  /** Scans are handled one at a time, in order: a second code waits for the first's answer. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly o: CodeDeskOptions) {
    this.now = o.now ?? Date.now;
    this.log = o.log ?? ((message) => console.info(message));
  }

  /** Listens to the scanner; returns the unsubscribe. */
  attach(scanner: ScanSource): () => void {
    return scanner.onScan((scan) => void this.scanned(scan));
  }

  /** One scan, handled after the ones before it; resolves with its outcome. */
  scanned(scan: Scan): Promise<CodeScanOutcome> {
    const done = this.queue.then(() => this.handle(scan));
    this.queue = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  private async handle(scan: Scan): Promise<CodeScanOutcome> {
    const code = this.o.parse(scan.text);
    let outcome: CodeScanOutcome;
    try {
      outcome = await this.dispatch(code);
    } catch (err) {
      // Never the error's message: it may come from a request that carried the token.
      this.log(`kiosk: a ${code.kind} code could not be handled (${err instanceof Error ? err.name : 'error'})`);
      outcome = code.kind === 'kiosk-ticket' || code.kind === 'unknown' ? { outcome: 'not-used-here' } : { outcome: 'failed', kind: code.kind };
    }
    this.o.outcome(outcome);
    return outcome;
  }

  private async dispatch(code: ClassifiedCode): Promise<CodeScanOutcome> {
    switch (code.kind) {
      case 'unknown':
        return { outcome: 'not-used-here' };
      case 'kiosk-ticket':
        // Another kiosk's ticket (or another hall's) is not in this kiosk's store.
        if (code.kioskId !== this.o.kioskId || code.trackingBaseUrl !== this.o.trackingBaseUrl) return { outcome: 'ticket-unknown' };
        return this.ticketStatus(code.ticketNo);
      case 'appointment':
        return this.checkIn(code.appointmentId);
      default:
        return this.resolve(code.kind, code.token);
    }
  }

  private async resolve(kind: IdentityCodeKind, token: string): Promise<CodeScanOutcome> {
    const central = this.o.central;
    if (!central || !this.o.online()) return this.offline(kind);
    let answer;
    try {
      answer = await central.resolveIdentity({ kind, token });
    } catch (err) {
      return this.centralFailed(kind, err);
    }
    if (answer.result !== 'identified') {
      this.log(`kiosk: a ${kind} code was ${answer.result}`);
      return { outcome: 'identity-refused', kind, reason: answer.result };
    }
    this.o.identified({ identity: toIdentity(answer.identity), identityRef: answer.identityRef, assurance: answer.assurance });
    this.log(`kiosk: a citizen identified by a ${kind} code (assurance ${answer.assurance})`);
    return { outcome: 'identified', kind };
  }

  private async checkIn(appointmentCode: string): Promise<CodeScanOutcome> {
    const central = this.o.central;
    if (!central || !this.o.online()) return this.offline('appointment');
    let answer;
    try {
      answer = await central.checkInAppointment(appointmentCode);
    } catch (err) {
      return this.centralFailed('appointment', err);
    }
    if (answer.result !== 'checked-in') return { outcome: 'appointment-refused', reason: answer.result };
    return { outcome: 'checked-in', ticket: await this.o.checkIn(answer.appointment) };
  }

  private ticketStatus(ticketNo: string): CodeScanOutcome {
    const stored = this.o.findTicket(ticketNo);
    if (!stored) return { outcome: 'ticket-unknown' };
    const ticket = this.ticketView(stored);
    this.scannedTicket = ticket.today ? { ticket: stored, until: this.now() + SCANNED_TICKET_REPRINT_MS } : null;
    return { outcome: 'ticket-status', ticket };
  }

  /**
   * The ticket to print again (补打): only the one of today whose QR was scanned here just
   * now, once per scan, so the page cannot print copies of any ticket by its number.
   */
  takeReprint(ticketNo: string): StoredTicket {
    const scanned = this.scannedTicket;
    if (!scanned || scanned.ticket.ticketNo !== ticketNo || this.now() > scanned.until) {
      throw new JourneyError('unknown-print-job', `ticket ${ticketNo} was not scanned here just now: scan its QR code again`);
    }
    this.scannedTicket = null;
    return scanned.ticket;
  }

  ticketView(stored: StoredTicket): ScannedTicket {
    const queue = Object.hasOwn(QUEUES, stored.queue) ? QUEUES[stored.queue as keyof typeof QUEUES].name : stored.queue;
    const priority = (['normal', 'elderly', 'disabled', 'pregnant', 'appointment'] as const).find((p) => p === stored.priority) ?? 'normal';
    return {
      ticketNo: stored.ticketNo,
      queueName: queue,
      priority,
      issuedAt: Date.parse(stored.issuedAt),
      today: stored.day === hallDay(this.now(), this.o.timeZone),
      delivered: stored.delivered,
    };
  }

  private offline(kind: IdentityCodeKind | 'appointment'): CodeScanOutcome {
    this.log(`kiosk: a ${kind} code cannot be checked offline`);
    return { outcome: 'offline', kind };
  }

  /** The network failed (offline: the card still works) or the central system answered an error. */
  private centralFailed(kind: IdentityCodeKind | 'appointment', err: unknown): CodeScanOutcome {
    if (err instanceof CentralError && (err.kind === 'network' || err.kind === 'timeout')) return this.offline(kind);
    const what = err instanceof CentralError ? `${err.kind}${err.status === null ? '' : ` ${err.status}`}` : 'error';
    this.log(`kiosk: the central system could not check a ${kind} code (${what})`);
    return { outcome: 'failed', kind };
  }
}

/** The central system's person as the session's Identity (a code carries no card's issuer or validity). */
function toIdentity(p: { documentType: Identity['cardType']; name: string; idNumber: string; sex: Identity['sex']; birthDate: string; address: string }): Identity {
  return {
    cardType: p.documentType,
    name: p.name,
    sex: p.sex,
    nation: '',
    birthDate: p.birthDate,
    address: p.address,
    idNumber: p.idNumber,
    // The central system identified the person by its own records.
    idNumberValid: true,
    issuer: '',
    validFrom: '',
    validTo: '',
    extra: {},
  };
}
