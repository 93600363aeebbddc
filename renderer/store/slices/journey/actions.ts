import type { PrintView, TakeTicketRequest } from '../../../../electron/common/journey-schemas.js';
import type { SliceCreator } from '../../types.js';
import { callForSession } from '../../call.js';
import { selectSessionId, selectSubjectKey } from '../session/selectors.js';
import { initialJourneyState, type JourneyState } from './state.js';
import { selectEvaluationSubject } from './selectors.js';
import type { SubmissionOutcome, TicketOutcome } from '../../../../electron/common/journey-schemas.js';

export interface JourneyActions {
  /** 一键取号 / 按事项取号 / 绿色通道 / 预约签到 / window ticket for a matter not done here. */
  ticketRequested(request: TakeTicketRequest): Promise<void>;
  /** 重新打印 after a failed print. */
  reprintRequested(jobId: string): Promise<void>;
  /** 好差评 given: recorded, then the session ends. */
  evaluationGiven(rating: 1 | 2 | 3 | 4 | 5): Promise<void>;
  evaluationSkipped(): Promise<void>;
}

const withPrint = <T extends TicketOutcome | SubmissionOutcome>(items: T[] | undefined, print: PrintView): T[] | undefined =>
  items?.map((item) => (item.print.jobId === print.jobId ? { ...item, print } : item));

export const createJourneySlice: SliceCreator<JourneyState & JourneyActions> = (set, get, client) => ({
  ...initialJourneyState,
  ticketRequested: async (request) => {
    const key = selectSubjectKey(get());
    const result = await callForSession(get, set, 'takeTicket', (sessionId) => client.takeTicket(request, sessionId));
    if (!result) return;
    const ticket = result.value;
    set((s) => ({
      tickets: { ...s.tickets, [key]: [...(s.tickets[key] ?? []), ticket] },
      history: [...s.history, { subjectType: 'ticket', subjectId: ticket.ticketNo }],
    }));
    get().navigate('ticket');
  },
  reprintRequested: async (jobId) => {
    const result = await callForSession(get, set, 'reprint', (sessionId) => client.reprint(jobId, sessionId));
    if (!result) return;
    const print = result.value;
    set((s) => ({
      tickets: Object.fromEntries(Object.entries(s.tickets).map(([k, v]) => [k, withPrint(v, print)])),
      submissions: Object.fromEntries(Object.entries(s.submissions).map(([k, v]) => [k, withPrint(v, print)])),
    }));
  },
  evaluationGiven: async (rating) => {
    const subject = selectEvaluationSubject(get());
    if (subject) {
      // A rating that cannot be recorded must not keep the citizen standing here.
      await callForSession(get, set, 'submitEvaluation', () => client.submitEvaluation({ ...subject, rating }));
    }
    if (selectSessionId(get())) await get().sessionFinished('finished');
  },
  evaluationSkipped: () => get().sessionFinished('finished'),
});
