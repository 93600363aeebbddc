/**
 * 一键取号 (无差别全科受理): no department to choose. The ticket is committed to the
 * local store (and its outbox row) first, then printed at once: the ticket never waits
 * on the network. People ahead come from central's queue state: fetched in the
 * background when a citizen is identified (prefetch) and after each ticket, used at the
 * tap while fresh; else asked then, within a small budget. Failing both, the estimate
 * (the last known state plus the tickets issued here since) prints, marked as such on
 * paper and screen. A late answer still refreshes the known state for the next ticket.
 */
import type { Identity } from '../../common/identity.js';
import type { QueueState } from '../../common/central-api.js';
import type { TakeTicketRequest, TicketOutcome, TicketPriority } from '../../common/journey-schemas.js';
import { kioskTicketQrPayload } from '../../common/ticket-qr.js';
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
/** A queue state fetched this recently counts as live (plus the tickets issued here since). */
export const FRESH_QUEUE_MS = 30_000;

export interface TicketDeskOptions extends DeskOptions {
  liveQueueBudgetMs?: number;
}

interface KnownQueue {
  state: QueueState;
  /** How many tickets this kiosk had issued in the queue before the one the state is for. */
  issuedBefore: number;
  fetchedAt: number;
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
    // Read before any await: the session blanks its identity when it ends meanwhile.
    const { idNumber } = subject;
    const { queue, priority } = queueFor(request);
    const ticket = await guardStoreWrite(
      () =>
        this.options.store.issueTicket({
          queue,
          priority,
          idNumber,
          appointmentId: request.appointmentId,
          matterCategory: request.category,
        }),
      this.options.onStoreFull,
    );
    const position = await this.position(queue, ticket.ticketNo);
    const issuedAt = Date.parse(ticket.issuedAt);
    const trackingUrl = kioskTicketQrPayload({ trackingBaseUrl: this.options.trackingBaseUrl, kioskId: this.options.kioskId, ticketNo: ticket.ticketNo });
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
        timeZone: this.options.timeZone,
        kioskId: this.options.kioskId,
        trackingUrl,
        evaluationUrl: `${this.options.trackingBaseUrl}?evaluate=${encodeURIComponent(`${this.options.kioskId}/${ticket.ticketNo}`)}`,
        idNumber,
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

  /** A citizen was identified: fetch the queues in the background, so the tap finds them fresh. */
  prefetch(): void {
    for (const queue of Object.keys(QUEUES) as QueueCode[]) void this.askLive(queue, null, this.issued.get(queue) ?? 0);
  }

  /** People ahead: a fresh known state, else central within the budget, else the estimate. Never waits longer. */
  private async position(queue: QueueCode, ticketNo: string): Promise<Position> {
    const issuedBefore = this.issued.get(queue) ?? 0;
    this.issued.set(queue, issuedBefore + 1);
    const known = this.known.get(queue);
    if (known && this.now() - known.fetchedAt <= FRESH_QUEUE_MS) {
      // Fresh again for the next ticket, once this one is on its way to the printer.
      setImmediate(() => void this.askLive(queue, ticketNo, issuedBefore));
      return this.fromKnown(known, queue, issuedBefore, true);
    }
    const live = this.askLive(queue, ticketNo, issuedBefore);
    const state = live ? await withinBudget(live, this.budgetMs) : null;
    if (state) return { peopleAhead: state.peopleAhead, estimatedWaitMinutes: state.estimatedWaitMinutes, live: true };
    const last = this.known.get(queue);
    return last ? this.fromKnown(last, queue, issuedBefore, false) : { peopleAhead: 0, estimatedWaitMinutes: 0, live: false };
  }

  /**
   * Asks central for a ticket's place (null: the next ticket's); the answer, however
   * late, becomes the known state unless a newer one came first.
   */
  private askLive(queue: QueueCode, ticketNo: string | null, issuedBefore: number): Promise<QueueState | null> | null {
    const central = this.options.central;
    if (!central || this.asking.has(queue)) return null;
    this.asking.add(queue);
    return central.queueState(queue, ticketNo ?? undefined).then(
      (state) => {
        const known = this.known.get(queue);
        if (!known || known.issuedBefore <= issuedBefore) this.known.set(queue, { state, issuedBefore, fetchedAt: this.now() });
        return state;
      },
      () => {
        // Offline: what we know is no longer live, however recent; the ticket is already committed and printing.
        const known = this.known.get(queue);
        if (known) this.known.set(queue, { ...known, fetchedAt: Number.NEGATIVE_INFINITY });
        return null;
      },
    ).finally(() => this.asking.delete(queue));
  }

  /** A known state plus the tickets issued here since it was fetched. */
  private fromKnown(known: KnownQueue, queue: QueueCode, issuedBefore: number, live: boolean): Position {
    const since = Math.max(0, issuedBefore - known.issuedBefore);
    const windows = Math.max(1, known.state.openWindows);
    return {
      peopleAhead: known.state.peopleAhead + since,
      estimatedWaitMinutes: known.state.estimatedWaitMinutes + Math.ceil((since * QUEUES[queue].minutesPerPerson) / windows),
      live,
    };
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
