/**
 * Out of service by fleet command, end to end: an operator's `out-of-service` over a real
 * mosquitto puts their message on the attract screen in Chromium and the kiosk takes no
 * citizen and issues no ticket; health and an alert say so; `in-service` restores it and a
 * ticket is printed again. `restart-window` on a shell without a window fails plainly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskTopics, type KioskTopics } from '../../electron/common/fleet/topics.js';
import type { EventMessage, HealthMessage } from '../../electron/common/fleet/messages.js';
import { press, printedSince, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';
import { startTestBroker, type TestBroker } from '../support/mosquitto.js';
import { TEST_FLEET_BACKOFF, testFleetConfig, untilFleetConnected } from '../support/fleet-kiosk.js';
import { observeFleet, type FleetObserver } from '../support/fleet-observer.js';

let broker: TestBroker;
let rig: JourneyRig;
let fleet: FleetObserver;
let topics: KioskTopics;

beforeAll(async () => {
  broker = await startTestBroker();
  fleet = await observeFleet(broker.url);
  rig = await startJourneyRig(
    { kioskId: 'SVC-K01', fleet: testFleetConfig(broker.url, { healthSeconds: 2, keepAliveSeconds: 5 }) },
    { fleetBackoff: TEST_FLEET_BACKOFF },
  );
  topics = kioskTopics('hall', rig.t.config.hall.regionCode, 'SVC-K01');
  await untilFleetConnected(rig.t.kiosk);
}, 90_000);

afterAll(async () => {
  await rig?.close();
  await fleet?.close();
  await broker?.stop();
});

describe('out of service by fleet command (Chromium)', () => {
  it('puts the message on the attract screen and refuses citizens; in-service restores the ticket', async () => {
    const { page, t } = rig;
    const out = await fleet.send(topics, { command: 'out-of-service', args: { message: { zh: '设备检修中，请到 3 号窗口办理', en: 'Under repair: please go to desk 3' } } });
    expect(out).toMatchObject({ ok: true, code: 'done' });
    await expect.poll(() => page.getByTestId('service-notice').textContent(), { timeout: 10_000 }).toBe('设备检修中，请到 3 号窗口办理');
    await fleet.waitFor<EventMessage>(topics.events, (e) => e.code === 'out-of-service', 'the out-of-service alert');
    await fleet.waitFor<HealthMessage>(topics.health, (h) => h.service?.reason === 'out-of-service' && !h.service.inService, 'health out of service');
    await swipe(rig, 'resident-3', null);
    await expect.poll(() => page.locator('[data-code=out-of-service]').count()).toBe(1);
    expect(t.kiosk.core.sessions.current()).toBeNull();
    await expect(t.kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null })).rejects.toMatchObject({ code: 'out-of-service' });

    expect(await fleet.send(topics, { command: 'in-service', args: {} })).toMatchObject({ ok: true, code: 'done' });
    await expect.poll(() => page.getByTestId('service-notice').count(), { timeout: 10_000 }).toBe(0);
    await fleet.waitFor<EventMessage>(topics.events, (e) => e.code === 'in-service', 'the in-service alert');
    const before = t.simulators.printer!.controls.tickets().length;
    await swipe(rig, 'resident-3');
    await press(page, 'one-click-ticket');
    await waitForScreen(page, 'ticket');
    await printedSince(rig, before);
  });

  it('restart-window on a shell with no window to restart is a failed result, not a silent done', async () => {
    expect(await fleet.send(topics, { command: 'restart-window', args: {} })).toMatchObject({ ok: false, code: 'failed', detail: 'this shell has no window to restart' });
  });
});
