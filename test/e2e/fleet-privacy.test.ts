/**
 * No personal data on any fleet topic: a subscriber to `#` on a real mosquitto watches a
 * whole kiosk (Chromium on the real renderer, simulated devices) while citizens swipe,
 * take a ticket and submit a matter, and every payload it saw is scanned for the simulated
 * citizens' ID numbers (whole and masked), names and addresses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskTopics } from '../../electron/common/fleet/topics.js';
import { SIM_PEOPLE } from '../../scripts/sim/idcard/people.js';
import { centralRecordsForCardHolders, expectNothingLeft, press, printedSince, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';
import { startTestBroker, type TestBroker } from '../support/mosquitto.js';
import { TEST_FLEET_BACKOFF, testFleetConfig, untilFleetConnected } from '../support/fleet-kiosk.js';
import { observeFleet, type FleetObserver } from '../support/fleet-observer.js';

let broker: TestBroker;
let rig: JourneyRig;
let fleet: FleetObserver;

beforeAll(async () => {
  broker = await startTestBroker();
  fleet = await observeFleet(broker.url);
  rig = await startJourneyRig(
    { kioskId: 'PRIV-K01', fleet: testFleetConfig(broker.url, { healthSeconds: 1, keepAliveSeconds: 5 }) },
    { fleetBackoff: TEST_FLEET_BACKOFF },
  );
  await untilFleetConnected(rig.t.kiosk);
}, 90_000);

afterAll(async () => {
  await rig?.close();
  await fleet?.close();
  await broker?.stop();
});

/** Every trace of a simulated citizen that must never reach a topic. */
function personalTraces(): string[] {
  const people = [...SIM_PEOPLE, ...centralRecordsForCardHolders()];
  const traces = new Set<string>();
  for (const p of people) {
    traces.add(p.idNumber);
    traces.add(`${p.idNumber.slice(0, 3)}***********${p.idNumber.slice(-4)}`);
    traces.add(p.name);
    traces.add(p.address);
  }
  return [...traces].filter((t) => t.length >= 2);
}

describe('no personal data on any fleet topic', () => {
  it('during a ticket journey and a matter journey, no payload carries an ID number, a name or an address', async () => {
    const { page } = rig;
    const topics = kioskTopics('hall', rig.t.config.hall.regionCode, 'PRIV-K01');
    const printed = () => rig.t.simulators.printer!.controls.tickets().length;

    await swipe(rig, 'resident-3');
    let before = printed();
    await press(page, 'one-click-ticket');
    await waitForScreen(page, 'ticket');
    await printedSince(rig, before);
    await press(page, 'ticket-done');
    await press(page, 'rate-5');
    await expectNothingLeft(rig, ['王**']);

    await swipe(rig, 'resident-5');
    await press(page, 'go-matters');
    await press(page, 'category-社保');
    await press(page, 'matter-social-insurance-proof');
    await press(page, 'matter-start');
    await waitForScreen(page, 'data-check');
    await expect.poll(() => page.getByTestId('check-social-insurance').getAttribute('data-status'), { timeout: 10_000 }).toBe('confirmed');
    await press(page, 'check-continue');
    await waitForScreen(page, 'application-form');
    before = printed();
    await press(page, 'submit-application');
    await waitForScreen(page, 'receipt');
    await printedSince(rig, before);
    await press(page, 'receipt-done');
    await press(page, 'rate-5');
    await expectNothingLeft(rig, ['赵**']);
    await rig.t.kiosk.forwarder.waitUntilDrained(20_000);
    // A health period after the journeys, so what they changed has been published.
    const doneAt = Date.now();
    await fleet.waitFor<{ at: number }>(topics.health, (h) => h.at > doneAt, 'a health after the journeys', 10_000);

    // The scan sees what the journeys published: sessions came and went on health.
    expect(fleet.on<{ inSession: boolean }>(topics.health).some((h) => h.inSession)).toBe(true);
    expect(fleet.messages.length).toBeGreaterThan(5);
    const traces = personalTraces();
    const leaks = fleet.messages.flatMap((m) => traces.filter((t) => m.text.includes(t)).map((t) => `${m.topic}: ${t}`));
    expect(leaks).toEqual([]);
  });
});
