/** The idle countdown (with fake times, to the core's deadline) and 代办 (principals kept apart), through the store without React. */
import { describe, expect, it } from 'vitest';
import { connectStore, createKioskUiStore } from './index.js';
import { citizen, fakeClient, sessionView, settle, ticket } from './testing/fake-client.js';
import { selectIdleRemaining, selectIdleWarning } from './slices/idle/selectors.js';
import { TOUCH_THROTTLE_MS } from './slices/idle/actions.js';
import { selectLastTicket } from './slices/journey/selectors.js';
import { selectSubject } from './slices/session/selectors.js';

async function kiosk() {
  const fake = fakeClient();
  const store = createKioskUiStore(fake.client);
  await connectStore(store, fake.client);
  return { ...fake, store, s: () => store.getState() };
}

describe('idle countdown', () => {
  it("counts down to the core's deadline, tells the core of activity (throttled), and ends the session when it runs out", async () => {
    const { s, emit, fns } = await kiosk();
    const t0 = 1_000_000;
    emit('session', sessionView({ idleDeadlineAt: t0 + 60_000 }));
    s().clockTicked(t0 + 49_000);
    expect(selectIdleRemaining(s())).toBe(11);
    expect(selectIdleWarning(s())).toBe(false);
    s().clockTicked(t0 + 50_000);
    expect(selectIdleWarning(s())).toBe(true);
    // 继续办理: the core moves its deadline, and the page shows the core's answer.
    fns.touchSession.mockResolvedValueOnce(sessionView({ idleDeadlineAt: t0 + 115_000 }));
    s().sessionTouched(t0 + 55_000);
    await settle();
    expect(fns.touchSession).toHaveBeenCalledWith({ elderlyMode: false }, 'session-1');
    expect(selectIdleWarning(s())).toBe(false);
    s().userActed(t0 + 57_000); // within the throttle: not sent again
    expect(fns.touchSession).toHaveBeenCalledTimes(1);
    s().userActed(t0 + 55_000 + TOUCH_THROTTLE_MS);
    expect(fns.touchSession).toHaveBeenCalledTimes(2);
    s().clockTicked(t0 + 114_000);
    expect(s().session).not.toBeNull();
    s().clockTicked(t0 + 115_000);
    await settle();
    expect(fns.endSession).toHaveBeenCalledWith('idle', 'session-1');
    expect(s().session).toBeNull();
    expect(s().screen).toBe('attract');
  });

  it("adopts an open session on a restarted page with the core's remaining time, not a fresh clock", async () => {
    const fake = fakeClient();
    const now = Date.now();
    const open = sessionView({ idleDeadlineAt: now + 4_000 });
    fake.fns.getStatus.mockResolvedValueOnce({ ...(await fake.fns.getStatus()), session: open });
    const store = createKioskUiStore(fake.client);
    await connectStore(store, fake.client);
    store.getState().clockTicked(now);
    expect(store.getState().screen).toBe('citizen-home');
    expect(selectIdleRemaining(store.getState())).toBe(4);
    expect(selectIdleWarning(store.getState())).toBe(true);
    expect(fake.fns.touchSession).not.toHaveBeenCalled();
  });

  it('tells the core at once when elderly mode is chosen, and shows its longer deadline', async () => {
    const { s, emit, fns } = await kiosk();
    emit('session', sessionView({ idleDeadlineAt: 60_000 }));
    fns.touchSession.mockResolvedValueOnce(sessionView({ idleDeadlineAt: 120_000 }));
    s().elderlyModeToggled();
    expect(fns.touchSession).toHaveBeenCalledWith({ elderlyMode: true }, 'session-1');
    await settle();
    s().clockTicked(100_000);
    expect(selectIdleRemaining(s())).toBe(20);
    expect(s().session).not.toBeNull();
  });

  it('clears the screen when the core answers a touch with no session (it ended it)', async () => {
    const { s, emit, fns } = await kiosk();
    emit('session', sessionView());
    fns.touchSession.mockResolvedValueOnce(null);
    s().userActed(1_000);
    await settle();
    expect(s().session).toBeNull();
    expect(s().screen).toBe('attract');
  });

  it('brings the help screen back to attract without a session to end', async () => {
    const { s, fns } = await kiosk();
    s().navigate('help');
    s().userActed(0);
    s().clockTicked(60_000);
    expect(s().screen).toBe('attract');
    expect(fns.endSession).not.toHaveBeenCalled();
    expect(fns.touchSession).not.toHaveBeenCalled();
    expect(selectIdleRemaining(s())).toBeNull();
  });
});

describe('代办', () => {
  it('keeps each principal’s tickets and overview apart and switches with selectPrincipal', async () => {
    const { s, emit, fns } = await kiosk();
    emit('session', sessionView());
    await settle();
    await s().proxyStarted();
    expect(fns.setProxyMode).toHaveBeenCalledWith(true, 'session-1');
    expect(s().screen).toBe('proxy');
    const principals = Array.from({ length: 8 }, (_, i) => citizen({ displayName: `人${i}*`, maskedIdNumber: `330***********000${i}` }));
    for (let n = 1; n <= 8; n++) {
      emit('session', sessionView({ proxyMode: true, principals: principals.slice(0, n), activePrincipal: n - 1 }));
      await settle();
    }
    expect(selectSubject(s())?.displayName).toBe('人7*');
    expect(fns.getCitizenOverview).toHaveBeenCalledTimes(1 + 8);
    fns.takeTicket.mockResolvedValueOnce(ticket({ ticketNo: 'B007' }));
    await s().ticketRequested({ category: null, priority: 'normal', appointmentId: null });

    fns.selectPrincipal.mockResolvedValueOnce(sessionView({ proxyMode: true, principals, activePrincipal: 2 }));
    await s().principalChosen(2);
    expect(fns.selectPrincipal).toHaveBeenCalledWith(2, 'session-1');
    expect(s().screen).toBe('citizen-home');
    expect(selectLastTicket(s())).toBeNull();
    fns.takeTicket.mockResolvedValueOnce(ticket({ ticketNo: 'B002' }));
    await s().ticketRequested({ category: null, priority: 'normal', appointmentId: null });

    fns.selectPrincipal.mockResolvedValueOnce(sessionView({ proxyMode: true, principals, activePrincipal: 7 }));
    await s().principalChosen(7);
    expect(selectLastTicket(s())?.ticketNo).toBe('B007');
    expect(Object.keys(s().overviews).sort()).toEqual(['holder', ...principals.map((_, i) => `principal-${i}`)].sort());

    fns.selectPrincipal.mockResolvedValueOnce(sessionView({ proxyMode: true, principals, activePrincipal: null }));
    await s().principalChosen(null);
    expect(selectSubject(s())?.displayName).toBe('张*');
    expect(selectLastTicket(s())).toBeNull();
  });

  it('opens the proxy screen again without asking the core twice', async () => {
    const { s, emit, fns } = await kiosk();
    emit('session', sessionView({ proxyMode: true }));
    await s().proxyStarted();
    expect(fns.setProxyMode).not.toHaveBeenCalled();
    expect(s().screen).toBe('proxy');
    await s().proxyStopped();
    expect(fns.setProxyMode).toHaveBeenCalledWith(false, 'session-1');
    expect(s().session?.proxyMode).toBe(false);
  });
});
