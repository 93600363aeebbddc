/**
 * 一键取号 (无差别全科受理): no department to choose. The ticket is committed to the
 * local store (and its outbox row) first, then printed; people ahead come from the
 * central queue state, or an honest estimate from the last known state when offline.
 */
import type { Identity } from '../../common/identity.js';
import type { QueueState } from '../../common/central-api.js';
import type { TakeTicketRequest, TicketOutcome, TicketPriority } from '../../common/journey-schemas.js';
import { ELDERLY_AGE, ageOn } from '../session.js';
import { JourneyError } from './errors.js';
import type { DeskOptions } from './desk-options.js';
import { guardStoreWrite } from './store-guard.js';

/** Queues of the hall: A general (全科), V green channel, Y appointments (jump the general queue). */
export const QUEUES = {
  A: { name: '综合受理窗口', minutesPerPerson: 6 },
  V: { name: '绿色通道窗口', minutesPerPerson: 5 },
  Y: { name: '预约办理窗口', minutesPerPerson: 5 },
} as const;
export type QueueCode = keyof typeof QUEUES;

export type TicketDeskOptions = DeskOptions;

interface KnownQueue {
  state: QueueState;
  /** Tickets this kiosk issued since the state was fetched (an offline estimate adds them). */
  issuedSince: number;
}

export function queueFor(request: TakeTicketRequest): { queue: QueueCode; priority: TicketPriority } {
  if (request.appointmentId) return { queue: 'Y', priority: 'appointment' };
  if (request.priority !== 'normal') return { queue: 'V', priority: request.priority };
  return { queue: 'A', priority: 'normal' };
}

export class TicketDesk {
  private readonly known = new Map<QueueCode, KnownQueue>();
  private readonly now: () => number;

  constructor(private readonly options: TicketDeskOptions) {
    this.now = options.now ?? Date.now;
  }

  async take(subject: Identity, request: TakeTicketRequest, appointmentIds: string[]): Promise<TicketOutcome> {
    if (request.priority === 'elderly' && ageOn(subject.birthDate, new Date(this.now())) < ELDERLY_AGE) {
      throw new JourneyError('not-eligible', `the green channel for the elderly starts at ${ELDERLY_AGE} by birth date`);
    }
    if (request.appointmentId && !appointmentIds.includes(request.appointmentId)) {
      throw new JourneyError('unknown-appointment', 'no such appointment for this citizen today');
    }
    const { queue, priority } = queueFor(request);
    const ticket = await guardStoreWrite(
      () =>
        this.options.store.issueTicket({
          queue,
          priority,
          idNumber: subject.idNumber,
          appointmentId: request.appointmentId,
          matterCategory: request.category,
        }),
      this.options.onStoreFull,
    );
    const position = await this.position(queue, ticket.ticketNo);
    const issuedAt = Date.parse(ticket.issuedAt);
    const trackingUrl = `${this.options.trackingBaseUrl}?kiosk=${encodeURIComponent(this.options.kioskId)}&t=${encodeURIComponent(ticket.ticketNo)}`;
    const matter = request.category ? `${request.category}（综合受理）` : '综合受理';
    const print = await this.options.print.print({
      kind: 'ticket',
      model: {
        hallName: this.options.hallName,
        ticketNumber: ticket.ticketNo,
        matter: `${QUEUES[queue].name} · ${matter}`,
        peopleAhead: position.peopleAhead,
        estimatedWaitMinutes: position.estimatedWaitMinutes,
        issuedAt,
        timeZone: this.options.timeZone,
        kioskId: this.options.kioskId,
        trackingUrl,
        evaluationUrl: `${this.options.trackingBaseUrl}?evaluate=${encodeURIComponent(`${this.options.kioskId}/${ticket.ticketNo}`)}`,
        idNumber: subject.idNumber,
        ...(priority === 'normal' || priority === 'appointment' ? {} : { priority: 'green-channel' as const }),
      },
    });
    return {
      ticketNo: ticket.ticketNo,
      queueName: QUEUES[queue].name,
      priority,
      peopleAhead: position.peopleAhead,
      estimatedWaitMinutes: position.estimatedWaitMinutes,
      queueLive: position.live,
      issuedAt,
      trackingUrl,
      print,
    };
  }

  /** People ahead: live from the central system, else last known plus our own tickets since. */
  private async position(queue: QueueCode, ticketNo: string): Promise<{ peopleAhead: number; estimatedWaitMinutes: number; live: boolean }> {
    if (this.options.central) {
      try {
        const state = await this.options.central.queueState(queue, ticketNo);
        this.known.set(queue, { state, issuedSince: 0 });
        return { peopleAhead: state.peopleAhead, estimatedWaitMinutes: state.estimatedWaitMinutes, live: true };
      } catch {
        // Offline: fall through to the estimate. The ticket is already committed.
      }
    }
    const known = this.known.get(queue);
    const peopleAhead = known ? known.state.peopleAhead + known.issuedSince : 0;
    if (known) known.issuedSince += 1;
    const windows = Math.max(1, known?.state.openWindows ?? 1);
    return { peopleAhead, estimatedWaitMinutes: Math.ceil((peopleAhead * QUEUES[queue].minutesPerPerson) / windows), live: false };
  }
}
