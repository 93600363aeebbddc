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
import { ticketPrioritySchema, type PrintView, type TakeTicketRequest, type TicketOutcome, type TicketPriority } from '../../common/journey-schemas.js';
import { kioskTicketQrPayload } from '../../common/ticket-qr.js';
import type { TicketPrintModel } from '../printing/models.js';
import type { StoredTicket } from '../store/ticket-lookup.js';
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
const isQueueCode = (queue: string): queue is QueueCode => Object.hasOwn(QUEUES, queue);

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

  /**
   * `subject` null: a ticket for nobody identified (an appointment code's check-in): it
   * carries no ID hash, and the green channel for the elderly cannot be granted.
   */
  async take(subject: Identity | null, request: TakeTicketRequest, appointmentIds: string[]): Promise<TicketOutcome> {
    if (request.priority === 'elderly' && (!subject || ageOn(subject.birthDate, new Date(this.now())) < ELDERLY_AGE)) {
      throw new JourneyError('not-eligible', `the green channel for the elderly starts at ${ELDERLY_AGE} by birth date`);
    }
    if (request.appointmentId && !appointmentIds.includes(request.appointmentId)) {
      throw new JourneyError('unknown-appointment', 'no such appointment for this citizen today');
    }
    // Read before any await: the session blanks its identity when it ends meanwhile.
    const idNumber = subject?.idNumber ?? null;
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
    const trackingUrl = this.trackingUrl(ticket.ticketNo);
    const print = await this.options.print.print({
      kind: 'ticket',
      model: this.printModel({ ticketNo: ticket.ticketNo, queue, priority, category: request.category, issuedAt, idNumber }, position),
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

  /** The link in a ticket's QR code (scanned back at the kiosk, it shows the ticket's status). */
  trackingUrl(ticketNo: string): string {
    return kioskTicketQrPayload({ trackingBaseUrl: this.options.trackingBaseUrl, kioskId: this.options.kioskId, ticketNo });
  }

  /**
   * A stored ticket printed again (its own QR scanned at the kiosk): marked as a reprint,
   * people ahead from what is known of the queue, no ID number (nobody is identified).
   */
  async reprintStored(ticket: StoredTicket): Promise<PrintView> {
    const queue: QueueCode = isQueueCode(ticket.queue) ? ticket.queue : 'A';
    const known = this.known.get(queue);
    const position = known ? this.fromKnown(known, queue, this.issued.get(queue) ?? 0, false) : { peopleAhead: 0, estimatedWaitMinutes: 0, live: false };
    const priority = ticketPrioritySchema.catch('normal').parse(ticket.priority);
    const model = this.printModel({ ticketNo: ticket.ticketNo, queue, priority, category: ticket.matterCategory, issuedAt: Date.parse(ticket.issuedAt), idNumber: null }, position);
    return this.options.print.print({ kind: 'ticket', model: { ...model, reprint: true } });
  }

  private printModel(
    t: { ticketNo: string; queue: QueueCode; priority: TicketPriority; category: string | null; issuedAt: number; idNumber: string | null },
    position: Position,
  ): TicketPrintModel {
    const matter = t.category ? `${t.category}（综合受理）` : '综合受理';
    return {
      hallName: this.options.hallName,
      ticketNumber: t.ticketNo,
      matter: `${QUEUES[t.queue].name} · ${matter}`,
      peopleAhead: position.peopleAhead,
      estimatedWaitMinutes: position.estimatedWaitMinutes,
      ...(position.live ? {} : { queueEstimated: true }),
      issuedAt: t.issuedAt,
      timeZone: this.options.timeZone,
      kioskId: this.options.kioskId,
      trackingUrl: this.trackingUrl(t.ticketNo),
      evaluationUrl: `${this.options.trackingBaseUrl}?evaluate=${encodeURIComponent(`${this.options.kioskId}/${t.ticketNo}`)}`,
      ...(t.idNumber ? { idNumber: t.idNumber } : {}),
      ...(t.priority === 'normal' || t.priority === 'appointment' ? {} : { priority: 'green-channel' as const }),
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
