/**
 * After the link to the core drops and comes back, the store reads the core's state
 * again and never re-issues a call of the old session: another citizen's session
 * replaces everything of the previous one, and a late answer of the old link is dropped.
 */
import { describe, expect, it } from 'vitest';
import { connectionEventsOf, connectStore, createKioskUiStore, type ConnectionEvents } from './index.js';
import { citizen, fakeClient, sessionView, settle, ticket } from './testing/fake-client.js';
import { selectLastTicket } from './slices/journey/selectors.js';
import type { TicketOutcome } from '../../electron/common/journey-schemas.js';

function fakeConnection() {
  const listeners = new Set<() => void>();
  const connection: ConnectionEvents = {
    onReconnected: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { connection, reconnect: () => listeners.forEach((l) => l()) };
}

async function kiosk() {
  const fake = fakeClient();
  const link = fakeConnection();
  const store = createKioskUiStore(fake.client);
  await connectStore(store, fake.client, link.connection);
  return { ...fake, ...link, store, s: () => store.getState() };
}

describe('reconnecting to the core', () => {
  it("adopts the core's session after a reconnect and drops the old session's call without issuing it again", async () => {
    const { s, emit, fns, reconnect } = await kiosk();
    emit('session', sessionView({ sessionId: 'A' }));
    await settle();
    await s().ticketRequested({ category: null, priority: 'normal', appointmentId: null });
    expect(selectLastTicket(s())?.ticketNo).toBe('A001');
    let answerLate: (t: TicketOutcome) => void = () => {};
    fns.takeTicket.mockReturnValueOnce(new Promise<TicketOutcome>((r) => (answerLate = r)));
    const inFlight = s().ticketRequested({ category: '社保', priority: 'normal', appointmentId: null });

    const b = sessionView({ sessionId: 'B', citizen: citizen({ displayName: '李*' }), idleDeadlineAt: 42_000 });
    fns.getStatus.mockResolvedValueOnce({ ...(await fns.getStatus()), session: b });
    reconnect();
    await settle();
    expect(s().session).toEqual(b);
    expect(s().screen).toBe('citizen-home');
    expect(selectLastTicket(s())).toBeNull();

    answerLate(ticket({ ticketNo: 'A002' }));
    await inFlight;
    expect(selectLastTicket(s())).toBeNull();
    expect(s().pending).toBeNull();
    expect(fns.takeTicket).toHaveBeenCalledTimes(2);
  });

  it('returns to the attract screen when the core ended the session while the link was down', async () => {
    const { s, emit, reconnect } = await kiosk();
    emit('session', sessionView({ sessionId: 'A' }));
    await settle();
    expect(s().screen).toBe('citizen-home');
    reconnect(); // the fake core's getStatus: no session
    await settle();
    expect(s().session).toBeNull();
    expect(s().screen).toBe('attract');
  });

  it('keeps the same session (with the deadline the core sends) when it is still open', async () => {
    const { s, emit, fns, reconnect } = await kiosk();
    emit('session', sessionView({ sessionId: 'A', idleDeadlineAt: 10_000 }));
    await settle();
    s().navigate('status');
    fns.getStatus.mockResolvedValueOnce({ ...(await fns.getStatus()), session: sessionView({ sessionId: 'A', idleDeadlineAt: 30_000 }) });
    reconnect();
    await settle();
    expect(s().screen).toBe('status');
    expect(s().session?.idleDeadlineAt).toBe(30_000);
  });
});

describe('connectionEventsOf', () => {
  it("uses a transport's onReconnected when it has one, and nothing for a transport that never drops (IPC)", () => {
    const listeners: Array<() => void> = [];
    const transport = { listeners, onReconnected(l: () => void) { this.listeners.push(l); return () => {}; } };
    let heard = 0;
    connectionEventsOf(transport)!.onReconnected(() => heard++);
    listeners.forEach((l) => l());
    expect(heard).toBe(1);
    expect(connectionEventsOf({ invoke: () => {}, subscribe: () => {} })).toBeUndefined();
  });
});
