/**
 * The identification rules beside the citizen's arrival (citizen-arrival.ts): the identity
 * codes the scanner reads (the code desk), the face step (刷脸) and what each matter asks
 * of the citizen's identification before it acts on their data.
 */
import type { KioskConfig } from '../common/config.js';
import type { FaceFrames, FaceOutcome } from '../common/contract.js';
import type { TypedEmitter } from '../common/emitter.js';
import { parseCode } from '../common/scan-codes.js';
import { configuredJourneys, whileLive } from './call-guards.js';
import type { CitizenArrival } from './citizen-arrival.js';
import type { CoreEvents } from './kiosk-core.js';
import { requireIdentification } from './journeys/assurance.js';
import { CodeDesk } from './journeys/code-desk.js';
import { JourneyError } from './journeys/errors.js';
import type { FaceDesk } from './journeys/face-desk.js';
import type { Journeys } from './journeys/journeys.js';
import type { SessionManager, SubjectHandle } from './session.js';
import { findTicket } from './store/ticket-lookup.js';

export interface IdentificationDeskOptions {
  config: Pick<KioskConfig, 'kioskId' | 'hall' | 'face'>;
  sessions: SessionManager;
  events: TypedEmitter<CoreEvents>;
  arrival: CitizenArrival;
  /** Absent: no codes are read, and the face step and the matters' rules refuse (no store or central link). */
  journeys: Journeys | undefined;
  /** 刷脸; absent: every face verification is unavailable (the page offers the card). */
  face: FaceDesk | undefined;
  /** Whether the central system answers now (a code needs it). */
  online: () => boolean;
  /** 预约签到 issues a ticket: refused outside the opening hours or out of service. */
  requireTicketsIssued: () => void;
  now: () => number;
  log: (message: string) => void;
}

export class IdentificationDesk {
  /** 扫码: identity codes, the kiosk's own ticket QR, appointment codes (absent without journeys). */
  readonly codes: CodeDesk | undefined;

  constructor(private readonly options: IdentificationDeskOptions) {
    this.codes = options.journeys && this.codeDesk(options.journeys);
  }

  private codeDesk(j: Journeys): CodeDesk {
    const { config, sessions, arrival, events } = this.options;
    const { store, central } = j.options;
    return new CodeDesk({
      parse: parseCode,
      kioskId: config.kioskId,
      trackingBaseUrl: config.hall.trackingUrl,
      central,
      online: this.options.online,
      findTicket: (ticketNo) => findTicket(store.statements, ticketNo),
      identified: (code) => arrival.identified(code.identity, 'code', () => sessions.startByCode(code)),
      checkIn: (appointment) => {
        this.options.requireTicketsIssued();
        return j.tickets.take(null, { category: null, priority: 'normal', appointmentId: appointment.appointmentId }, [appointment.appointmentId]);
      },
      outcome: (outcome) => events.emit('codeScan', outcome),
      timeZone: config.hall.timeZone,
      now: this.options.now,
      log: this.options.log,
    });
  }

  /**
   * 刷脸 for the session's own citizen (not a 代办 principal), who asked through `handle`: the
   * frames go to the face desk, which never keeps them; a match marks the session
   * (markFaceVerified) and the page hears of it.
   */
  async verifyFace(frames: FaceFrames, handle: SubjectHandle): Promise<FaceOutcome> {
    const { sessions, face } = this.options;
    const session = sessions.current()!;
    if (!face) return { outcome: 'unavailable' };
    // A code session: the central's reference from the resolve answer; a card session: the ID hash it already uses.
    // The card's WLT photo is not kept in the session yet: a local matcher answers unavailable (face-desk.ts).
    const identityRef = sessions.identityRef(session.id);
    const subject = identityRef ? { identityRef } : { idHash: configuredJourneys(this.options.journeys).options.store.idHash(session.citizen.idNumber) };
    // The desk marks the session through markFaceVerified (compose.ts), which tells the page.
    return whileLive(face.verify(frames, { sessionId: session.id, subject }), handle, 'face verification');
  }

  /** config face.requiredForMatters: the hall wants the face step (人证比对) for this matter, and it has not passed yet. */
  requireFaceFor(matterId: string): void {
    const session = this.options.sessions.current();
    if (!session || session.faceVerified || !this.options.config.face.requiredForMatters.includes(matterId)) return;
    throw new JourneyError('needs-face', `${matterId} needs the face step (face.requiredForMatters) before it is submitted`);
  }

  /** Refuses, naming the missing step (needs-card / needs-face / needs-code), unless this subject's identification fits the matter and each matter it bundles. */
  requireIdentificationFor(matterId: string): void {
    const { catalog } = configuredJourneys(this.options.journeys);
    const who = this.options.sessions.identification();
    if (!who) throw new JourneyError('no-session', 'no citizen identified: swipe an ID card or citizen card first');
    const top = catalog.get(matterId);
    requireIdentification([top, ...(top.bundleOf?.length ? catalog.expand(top) : [])], who);
  }

  /** The face step (刷脸) passed for this session's citizen: matters that need code+face are then open to them. */
  markFaceVerified(sessionId: string): boolean {
    const { sessions, events } = this.options;
    if (!sessions.markFaceVerified(sessionId)) return false;
    events.emit('session', sessions.view());
    return true;
  }
}
