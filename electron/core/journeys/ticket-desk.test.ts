/**
 * The ticket desk against a scripted central (unit test of this layer; the real hung
 * server is in test/e2e/ticket-central-hung.test.ts): the ticket never waits on the
 * queue look-up, an estimate says so, and a late answer still informs the next ticket.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueueState } from '../../common/central-api.js';
import type { TakeTicketRequest } from '../../common/journey-schemas.js';
import { KioskStore } from '../store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../store/crypto.js';
import type { CentralClient } from '../sync/central-client.js';
import type { PrintJob } from '../printing/print-job.js';
import { residentIdentity } from '../../../test/support/injected-reader.js';
import { JourneyState } from './journey-state.js';
import { PrintDesk } from './print-desk.js';
import { TicketDesk } from './ticket-desk.js';

const stores: KioskStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

interface Asked {
  ticketNo: string | undefined;
  answer(state: Omit<QueueState, 'queue'>): void;
  fail(): void;
}

/** `answerAtOnce`: central answers every look-up straight away; else only when the test says so. */
function setup(answerAtOnce?: Omit<QueueState, 'queue'>, clock = { now: 1_800_000_000_000 }) {
  const store = KioskStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'ticket-desk-')), kioskId: 'HALL1-K01', idHashKey: DEV_ID_HASH_KEY });
  stores.push(store);
  const asked: Asked[] = [];
  const central = {
    queueState: (queue: string, ticketNo?: string) =>
      new Promise<QueueState>((resolve, reject) => {
        asked.push({ ticketNo, answer: (s) => resolve({ queue, ...s }), fail: () => reject(new Error('network')) });
        if (answerAtOnce) resolve({ queue, ...answerAtOnce });
      }),
  } as unknown as CentralClient;
  const printed: PrintJob[] = [];
  const print = new PrintDesk(undefined, new JourneyState());
  const printJob = print.print.bind(print);
  print.print = (job) => {
    printed.push(job);
    return printJob(job);
  };
  const desk = new TicketDesk({ store, central, print, hallName: '测试市民之家', kioskId: 'HALL1-K01', trackingBaseUrl: 'https://t.example/hall', timeZone: 'Asia/Shanghai', liveQueueBudgetMs: 50, now: () => clock.now });
  return { store, desk, asked, printed };
}

const normal: TakeTicketRequest = { category: null, priority: 'normal', appointmentId: null };
const citizen = residentIdentity({ birthDate: '1990-01-01', idNumber: '330102199001011234' });

describe('TicketDesk', () => {
  it('commits and prints while central has not answered the queue look-up, marking people ahead as an estimate', async () => {
    const { store, desk, asked, printed } = setup();
    const outcome = await desk.take(citizen, normal, []);
    expect(asked).toHaveLength(1); // asked, never answered
    expect(outcome).toMatchObject({ queueLive: false, peopleAhead: 0 });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ kind: 'ticket', model: { ticketNumber: outcome.ticketNo, queueEstimated: true } });
    expect(store.outbox.counts().pending).toBe(1);
  });

  it('uses a live answer that comes within the budget, unmarked', async () => {
    const { desk, printed } = setup({ peopleAhead: 4, estimatedWaitMinutes: 8, openWindows: 3 });
    expect(await desk.take(citizen, normal, [])).toMatchObject({ queueLive: true, peopleAhead: 4, estimatedWaitMinutes: 8 });
    expect(printed[0]!.kind === 'ticket' && printed[0]!.model.queueEstimated).toBeFalsy();
  });

  it('a late answer becomes the known state: the next ticket counts the tickets issued since, and asks nothing first', async () => {
    const { desk, asked } = setup();
    const first = await desk.take(citizen, normal, []);
    expect(first.queueLive).toBe(false);
    // Central answers for the first ticket after it has printed: 6 ahead of it, 2 windows open.
    asked[0]!.answer({ peopleAhead: 6, estimatedWaitMinutes: 12, openWindows: 2 });
    await new Promise((r) => setImmediate(r));
    // Never answered from here on: the second ticket does not wait on it.
    const second = await desk.take(citizen, normal, []);
    // 6 ahead of the first ticket, plus the first ticket itself; A takes 6 min a person over 2 windows.
    expect(second).toMatchObject({ queueLive: true, peopleAhead: 7, estimatedWaitMinutes: 15 });
    await new Promise((r) => setImmediate(r)); // the refresh for the next ticket goes out after this one
    expect(asked.map((a) => a.ticketNo)).toEqual([first.ticketNo, second.ticketNo]);
  });

  it('a known state older than 30 s is an estimate, once central does not answer within the budget', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { desk, asked } = setup(undefined, clock);
    await desk.take(citizen, normal, []);
    asked[0]!.answer({ peopleAhead: 6, estimatedWaitMinutes: 12, openWindows: 2 });
    await new Promise((r) => setImmediate(r));
    clock.now += 31_000;
    expect(await desk.take(citizen, normal, [])).toMatchObject({ queueLive: false, peopleAhead: 7 });
  });

  it('a failed look-up makes even a recent known state an estimate', async () => {
    const { desk, asked } = setup();
    desk.prefetch();
    asked[0]!.answer({ peopleAhead: 3, estimatedWaitMinutes: 6, openWindows: 3 });
    await new Promise((r) => setImmediate(r));
    desk.prefetch(); // the next citizen: central is down now
    asked[3]!.fail();
    await new Promise((r) => setImmediate(r));
    expect(await desk.take(citizen, normal, [])).toMatchObject({ queueLive: false, peopleAhead: 3 });
  });

  it('prefetch at identification: the tap finds the queue fresh and prints the live count without waiting', async () => {
    const { desk, asked, printed } = setup();
    desk.prefetch();
    expect(asked.map((a) => a.ticketNo)).toEqual([undefined, undefined, undefined]); // A, V, Y: the next ticket's place
    asked[0]!.answer({ peopleAhead: 3, estimatedWaitMinutes: 6, openWindows: 3 });
    await new Promise((r) => setImmediate(r));
    const outcome = await desk.take(citizen, normal, []);
    expect(outcome).toMatchObject({ queueLive: true, peopleAhead: 3, estimatedWaitMinutes: 6 });
    expect(printed[0]!.kind === 'ticket' && printed[0]!.model.queueEstimated).toBeFalsy();
  });

  it('asks once per queue while a look-up hangs, and an offline failure leaves the estimate', async () => {
    const { desk, asked } = setup();
    await desk.take(citizen, normal, []);
    await desk.take(citizen, normal, []);
    expect(asked).toHaveLength(1);
    asked[0]!.fail();
    await new Promise((r) => setImmediate(r));
    const third = await desk.take(citizen, normal, []);
    expect(asked).toHaveLength(2);
    expect(third.queueLive).toBe(false);
  });
});
