/**
 * Ending a session leaves nothing of the citizen (or of their principals) in the store:
 * after a full journey, the whole state equals a fresh kiosk's, field by field.
 */
import { describe, expect, it } from 'vitest';
import { connectStore, createKioskUiStore, type KioskUiStore } from './index.js';
import { citizen, fakeClient, sessionView, settle, ticket } from './testing/fake-client.js';

/** The store's data (not its actions), without the idle clock and the public matter catalog (kiosk-level). */
function dataOf(store: KioskUiStore): Record<string, unknown> {
  const { now: _now, lastActivityAt: _last, catalog: _catalog, ...rest } = store.getState();
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v !== 'function'));
}

async function freshStore() {
  const fake = fakeClient();
  const store = createKioskUiStore(fake.client);
  await connectStore(store, fake.client);
  return { ...fake, store };
}

async function fullJourney() {
  const kiosk = await freshStore();
  const { store, emit } = kiosk;
  const s = () => store.getState();
  emit('session', sessionView({ citizen: citizen({ elderly: true, age: 76 }) }));
  await settle();
  s().localeChosen('en');
  await s().ticketRequested({ category: null, priority: 'elderly', appointmentId: null });
  s().matterChosen('residence-permit');
  s().handlingStarted();
  await settle();
  await settle();
  s().answerChosen('delivery', 'mail');
  s().handlingContinued();
  await s().applicationSubmitted();
  await s().proxyStarted();
  const principals = [citizen({ displayName: '李*', maskedIdNumber: '330***********2349' }), citizen({ displayName: '王**', maskedIdNumber: '330***********3458' })];
  emit('session', sessionView({ proxyMode: true, principals, activePrincipal: 1 }));
  await settle();
  await s().ticketRequested({ category: '社保', priority: 'normal', appointmentId: null });
  s().noticeShown({ code: 'printer-paper-out', level: 'warning', at: 1 });
  return kiosk;
}

describe('privacy: the end of a session', () => {
  it('holds the citizen, the principals and their records while the session lasts', async () => {
    const { store } = await fullJourney();
    const json = JSON.stringify(dataOf(store));
    for (const needle of ['330***********1238', '330***********2349', 'A001', 'SQ0', 'residence-permit', 'session-1', 'printer-paper-out']) expect(json).toContain(needle);
    expect(Object.keys(store.getState().tickets)).toEqual(['holder', 'principal-1']);
  });

  it('drops everything of the citizen when the core ends the session (session event null)', async () => {
    const { store, emit } = await fullJourney();
    const fresh = await freshStore();
    emit('session', null);
    expect(dataOf(store)).toEqual(dataOf(fresh.store));
    const json = JSON.stringify(dataOf(store));
    for (const needle of ['330*', '张*', '李*', 'A001', 'SQ0', 'session-1', 'residence-permit', 'job-']) expect(json).not.toContain(needle);
    expect(store.getState().screen).toBe('attract');
    expect(store.getState().elderlyMode).toBe(false);
    expect(store.getState().locale).toBe('zh-CN');
  });

  it('drops everything when the citizen finishes, before the core has answered', async () => {
    const { store, fns } = await fullJourney();
    const fresh = await freshStore();
    const done = store.getState().sessionFinished('finished');
    expect(dataOf(store)).toEqual(dataOf(fresh.store));
    await done;
    expect(fns.endSession).toHaveBeenCalledWith('finished', 'session-1');
  });

  it('drops the previous citizen when a different one is identified without ending', async () => {
    const { store, emit } = await fullJourney();
    emit('session', sessionView({ sessionId: 'session-2', citizen: citizen({ displayName: '赵**', maskedIdNumber: '330***********5670' }) }));
    const json = JSON.stringify(dataOf(store));
    for (const needle of ['1238', '2349', 'A001', 'residence-permit', 'session-1']) expect(json).not.toContain(needle);
    expect(store.getState().screen).toBe('citizen-home');
  });

  it('drops an answer that arrives after the session ended', async () => {
    const { store, emit, fns } = await freshStore();
    let answer!: () => void;
    fns.takeTicket.mockImplementationOnce(() => new Promise((resolve) => (answer = () => resolve(ticket()))));
    emit('session', sessionView());
    const late = store.getState().ticketRequested({ category: null, priority: 'normal', appointmentId: null });
    emit('session', null);
    answer();
    await late;
    expect(store.getState().tickets).toEqual({});
    expect(store.getState().history).toEqual([]);
    expect(store.getState().screen).toBe('attract');
  });
});
