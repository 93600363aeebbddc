/**
 * Where a citizen arrives at the kiosk: a card on a reader or an identity code scanned.
 * One rule for both: in 代办 mode anyone else is a principal; the same citizen again keeps
 * the session; anybody else starts a new one, after the previous citizen's data is gone.
 * A kiosk operations took out of service starts nobody.
 */
import type { CardReadEvent, Identity } from '../common/identity.js';
import type { SessionView } from '../common/contract.js';
import type { TypedEmitter } from '../common/emitter.js';
import type { CardReaderDevice, Unsubscribe } from './devices/types.js';
import type { SessionManager, SessionSource } from './session.js';
import type { ServiceAvailability } from './service/availability.js';
import type { CoreEvents } from './kiosk-core.js';

export interface CitizenArrivalOptions {
  sessions: SessionManager;
  events: TypedEmitter<CoreEvents>;
  service: ServiceAvailability;
  /** Before a new citizen's session: the previous one's journey data goes, the staff screen closes. */
  clearForNewCitizen(): void;
  /** A new session began (its idle deadline starts). */
  sessionStarted(): void;
  /** A citizen card pulled out of its slot ends its session. */
  endSession(reason: 'card-removed'): void;
  now: () => number;
}

export class CitizenArrival {
  constructor(private readonly options: CitizenArrivalOptions) {}

  /** Listens to a card reader: reads, read errors (as notices), a citizen card's removal. */
  attachReader(reader: CardReaderDevice): Unsubscribe[] {
    const { events, sessions, now } = this.options;
    const unsubscribers = [reader.onCard((event: CardReadEvent) => this.identified(event.identity, event.source, () => sessions.start(event)))];
    if (reader.onCardError) {
      unsubscribers.push(
        reader.onCardError((error) => {
          // A citizen card says why it cannot be used (wrong card, locked…); an ID card only that it was not read.
          const reason = (error as { code?: unknown }).code;
          const code = typeof reason === 'string' && reason !== 'read-failed' ? `citizen-card-${reason}` : 'card-read-failed';
          events.emit('notice', { code, level: 'warning', at: now() });
        }),
      );
    }
    unsubscribers.push(
      reader.onCardRemoved(() => {
        // A contact citizen card left in the slot is the session; pulling it out ends it.
        // An ID card is only swiped over the reader, so its removal means nothing.
        if (sessions.current()?.source === 'citizencard') this.options.endSession('card-removed');
      }),
    );
    return unsubscribers;
  }

  /** A citizen identified by a card or a code: a principal (代办), the same citizen again, or a new session. */
  identified(identity: Identity, source: SessionSource, start: () => SessionView): void {
    const { events, sessions, service, now } = this.options;
    const current = sessions.current();
    if (!current && service.current().reason === 'out-of-service') {
      // Operations took the kiosk out: the attract screen says so, and no new citizen starts here.
      events.emit('notice', { code: 'out-of-service', level: 'warning', at: now() });
      return;
    }
    if (current?.proxyMode) {
      // 代办: the agent's own card again changes nothing; anyone else's is a principal.
      sessions.touch();
      if (identity.idNumber !== current.citizen.idNumber) events.emit('session', sessions.addPrincipal(identity, source));
      else events.emit('session', sessions.view());
      return;
    }
    if (current && current.citizen.idNumber === identity.idNumber && current.activePrincipal === null) {
      // The same citizen identifying again (e.g. to see their applications, or with the card a matter asks for): keep the session.
      sessions.touch();
      events.emit('session', sessions.identifiedAgain(source));
      events.emit('notice', { code: 'card-read-again', level: 'info', at: now() });
      return;
    }
    // A different citizen: the previous one's data goes before the new one's arrives.
    this.options.clearForNewCitizen();
    events.emit('session', start());
    this.options.sessionStarted();
  }
}
