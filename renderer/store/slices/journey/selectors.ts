import type { EvaluationRequest, TicketOutcome } from '../../../../electron/common/journey-schemas.js';
import type { KioskState } from '../../types.js';
import { selectSubjectKey } from '../session/selectors.js';

/** The subject's latest ticket (the ticket screen shows it). */
export const selectLastTicket = (s: KioskState): TicketOutcome | null => s.tickets[selectSubjectKey(s)]?.at(-1) ?? null;

export const selectPending = (s: KioskState): string | null => s.pending;
export const selectBusy = (s: KioskState): boolean => s.pending !== null;

/** What 好差评 rates: the last ticket or application, else the session itself. */
export const selectEvaluationSubject = (s: KioskState): Omit<EvaluationRequest, 'rating'> | null => {
  const last = s.history.at(-1);
  if (last) return last;
  const sessionId = s.session?.sessionId;
  return sessionId ? { subjectType: 'session', subjectId: sessionId.slice(0, 64) } : null;
};
