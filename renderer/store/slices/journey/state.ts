import type { TicketOutcome } from '../../../../electron/common/journey-schemas.js';
import type { SubjectKey } from '../session/selectors.js';

/** What a 好差评 rating is about: the last ticket or application of the session. */
export interface EvaluationSubject {
  subjectType: 'ticket' | 'application';
  subjectId: string;
}

export interface JourneyState {
  /** Tickets taken in this session, per person (holder, each principal). */
  tickets: Partial<Record<SubjectKey, TicketOutcome[]>>;
  /** Tickets and applications in the order they happened (the evaluation rates the last). */
  history: EvaluationSubject[];
  /** The call to the core in flight, if any (its buttons wait). */
  pending: string | null;
}

export const initialJourneyState: JourneyState = { tickets: {}, history: [], pending: null };
