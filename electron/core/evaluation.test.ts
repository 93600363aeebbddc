/** submitEvaluation through the core: only with a session, only for what it was served, once each. */
import { describe, expect, it, vi } from 'vitest';
import { KioskCore } from './kiosk-core.js';
import type { Journeys } from './journeys/journeys.js';
import { TypedEmitter } from '../common/emitter.js';
import { testConfig } from '../../test/support/kiosk.js';
import { InjectedCardReader, residentIdentity as identity } from '../../test/support/injected-reader.js';
import type { SyncStatus } from '../common/contract.js';
import type { TakeTicketRequest, TicketOutcome } from '../common/journey-schemas.js';

const GENERAL: TakeTicketRequest = { category: null, priority: 'normal', appointmentId: null };
const syncStatus: SyncStatus = { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true };

function makeCore() {
  const reader = new InjectedCardReader('idcard');
  const recordEvaluation = vi.fn(async () => ({ id: 'e', seq: 1, idempotencyKey: 'k' }));
  let ticketNo = 0;
  const journeys = {
    options: { store: { recordEvaluation } },
    state: { clear: () => {}, appointments: () => [], claimPrintJob: () => {} },
    tickets: { take: async () => ({ ticketNo: `A07-00${++ticketNo}`, print: { jobId: `job-${ticketNo}` } }) as TicketOutcome },
  } as unknown as Journeys;
  const core = new KioskCore({
    config: testConfig('/tmp/k'),
    shell: 'browser',
    devices: { idcard: reader },
    journeys,
    sync: { start: async () => {}, stop: async () => {}, status: () => syncStatus, onStatus: (l) => new TypedEmitter<{ s: SyncStatus }>().on('s', l) },
  });
  return { core, reader, recordEvaluation };
}

describe('submitEvaluation', () => {
  it('is refused without a session', async () => {
    const { core, recordEvaluation } = makeCore();
    await core.start();
    await expect(core.submitEvaluation({ subjectType: 'ticket', subjectId: 'A07-001', rating: 1 })).rejects.toMatchObject({ code: 'no-session' });
    await expect(core.submitEvaluation({ subjectType: 'session', subjectId: 'anything', rating: 1 })).rejects.toMatchObject({ code: 'no-session' });
    expect(recordEvaluation).not.toHaveBeenCalled();
  });

  it('rates what this session was served (its ticket, the session itself), each once', async () => {
    const { core, reader, recordEvaluation } = makeCore();
    await core.start();
    reader.present(identity());
    const sessionId = core.sessions.current()!.id;
    const ticket = await core.takeTicket(GENERAL);
    await expect(core.submitEvaluation({ subjectType: 'ticket', subjectId: 'A07-999', rating: 1 })).rejects.toMatchObject({ code: 'evaluation-not-allowed' });
    await core.submitEvaluation({ subjectType: 'ticket', subjectId: ticket.ticketNo, rating: 5 });
    await expect(core.submitEvaluation({ subjectType: 'ticket', subjectId: ticket.ticketNo, rating: 1 })).rejects.toMatchObject({ code: 'evaluation-not-allowed' });
    await core.submitEvaluation({ subjectType: 'session', subjectId: sessionId.slice(0, 64), rating: 4 });
    await expect(core.submitEvaluation({ subjectType: 'session', subjectId: sessionId.slice(0, 64), rating: 4 })).rejects.toMatchObject({ code: 'evaluation-not-allowed' });
    expect(recordEvaluation).toHaveBeenCalledTimes(2);
  });

  it('a later session cannot rate what an earlier one was served', async () => {
    const { core, reader, recordEvaluation } = makeCore();
    await core.start();
    reader.present(identity());
    const ticket = await core.takeTicket(GENERAL);
    const first = core.sessions.current()!.id;
    await core.endSession('finished');
    reader.present(identity({ idNumber: '330102199007042349', name: '李梅' }));
    await expect(core.submitEvaluation({ subjectType: 'ticket', subjectId: ticket.ticketNo, rating: 1 })).rejects.toMatchObject({ code: 'evaluation-not-allowed' });
    await expect(core.submitEvaluation({ subjectType: 'session', subjectId: first.slice(0, 64), rating: 1 })).rejects.toMatchObject({ code: 'evaluation-not-allowed' });
    expect(recordEvaluation).not.toHaveBeenCalled();
  });
});
