/**
 * 一键取号 (无差别全科受理): no department to choose. The ticket is committed to the
 * local store (and its outbox row) first, then printed at once: the ticket never waits
 * on the network. People ahead come from the central queue state when it answers
 * within a small budget, else from an estimate (the last known state plus the tickets
 * issued here since), marked as such on paper and screen. A late answer still refreshes
 * the known state for the next ticket.
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

/** How long a ticket may wait for the live queue before it prints with an estimate. */
export const LIVE_QUEUE_BUDGET_MS = 100;

export interface TicketDeskOptions extends DeskOptions {
  liveQueueBudgetMs?: number;
}

interface KnownQueue {
  state: QueueState;
  /** How many tickets this kiosk had issued in the queue before the one the state is for. */
  issuedBefore: number;
}

interface Position {
  peopleAhead: number;
  estimatedWaitMinutes: number;
  live: boolean;
}

export function queueFor(request: TakeTicketRequest): { queue: QueueCode; priority: TicketPriority } {
  if (request.appointmentId) return { queue: 'Y', priority: 'appointment' };
  if (request.priority !== 'normal') return { queue: 'V', priority: request.priority };
  return { queue: 'A', priority: 'normal' };
}

export class TicketDesk {
  private readonly known = new Map<QueueCode, KnownQueue>();
  /** Tickets this kiosk issued per queue since start. */
  private readonly issued = new Map<QueueCode, number>();
  /** One live look-up per queue at a time: a hung central must not collect one per ticket. */
  private readonly asking = new Set<QueueCode>();
  private readonly now: () => number;
  private readonly budgetMs: number;

  constructor(private readonly options: TicketDeskOptions) {
    this.now = options.now ?? Date.now;
    this.budgetMs = options.liveQueueBudgetMs ?? LIVE_QUEUE_BUDGET_MS;
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
        ...(position.live ? {} : { queueEstimated: true }),
        issuedAt,
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

  /** People ahead: live if central answers within the budget, else the estimate. Never waits longer. */
  private async position(queue: QueueCode, ticketNo: string): Promise<Position> {
    const issuedBefore = this.issued.get(queue) ?? 0;
    this.issued.set(queue, issuedBefore + 1);
    const live = this.askLive(queue, ticketNo, issuedBefore);
    const state = live ? await withinBudget(live, this.budgetMs) : null;
    if (state) return { peopleAhead: state.peopleAhead, estimatedWaitMinutes: state.estimatedWaitMinutes, live: true };
    return this.estimate(queue, issuedBefore);
  }

  /** Asks central for this ticket's place; the answer, however late, becomes the known state. */
  private askLive(queue: QueueCode, ticketNo: string, issuedBefore: number): Promise<QueueState | null> | null {
    const central = this.options.central;
    if (!central || this.asking.has(queue)) return null;
    this.asking.add(queue);
    return central.queueState(queue, ticketNo).then(
      (state) => {
        const known = this.known.get(queue);
        if (!known || known.issuedBefore <= issuedBefore) this.known.set(queue, { state, issuedBefore });
        return state;
      },
      () => null, // offline: the estimate stands; the ticket is already committed and printing
    ).finally(() => this.asking.delete(queue));
  }

  /** The last known state plus the tickets issued here since (0 ahead when nothing is known yet). */
  private estimate(queue: QueueCode, issuedBefore: number): Position {
    const known = this.known.get(queue);
    const peopleAhead = known ? known.state.peopleAhead + Math.max(0, issuedBefore - known.issuedBefore) : 0;
    const windows = Math.max(1, known?.state.openWindows ?? 1);
    return { peopleAhead, estimatedWaitMinutes: Math.ceil((peopleAhead * QUEUES[queue].minutesPerPerson) / windows), live: false };
  }
}

/** The promise's value if it settles within `ms`, else null (the promise goes on by itself). */
function withinBudget<T>(promise: Promise<T | null>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
