/**
 * Catalog refresh while running: the central simulator publishes a new matter mid-run;
 * within two heartbeats the kiosk has it, and the next citizen sees it on the page in
 * Chromium, without a restart. One published during a session waits for its end. A
 * malformed publication afterwards changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Matter } from '../../electron/common/central-api.js';
import { expectNothingLeft, press, startJourneyRig, swipe, type JourneyRig } from './journey-helpers.js';

const petLicence: Omit<Matter, 'version'> = {
  id: 'pet-licence',
  name: '犬只登记',
  nameEn: 'Dog registration',
  category: '公安',
  handling: 'window',
  windowReason: '需现场查验犬只免疫证明',
  proofs: [],
};

describe('catalog refresh while the kiosk runs', () => {
  let rig: JourneyRig;
  const heartbeats = { replies: 0 };

  beforeAll(async () => {
    // Heartbeats a second apart: "within two heartbeats" is then a count, not a race.
    rig = await startJourneyRig({}, { heartbeatMs: 1000 });
    rig.t.kiosk.forwarder.on('heartbeat', () => heartbeats.replies++);
  });
  afterAll(() => rig?.close());

  it('a matter published mid-run is on the page for the next citizen within two heartbeats', async () => {
    const central = rig.t.simulators.central!;
    const { core } = rig.t.kiosk;
    expect((await core.listMatters()).map((m) => m.id)).not.toContain('pet-licence');
    const published = central.publishMatter(petLicence);
    const beatsAtPublish = heartbeats.replies;
    await expect.poll(async () => (await core.listMatters()).map((m) => m.id), { timeout: 10_000 }).toContain('pet-licence');
    expect(heartbeats.replies - beatsAtPublish).toBeLessThanOrEqual(2);
    expect(rig.t.kiosk.store.catalogVersion()).toBe(published.version);

    const { page } = rig;
    await swipe(rig, 'resident-5');
    await press(page, 'go-matters');
    await press(page, 'category-公安');
    await expect.poll(() => page.getByTestId('matter-pet-licence').textContent()).toContain('犬只登记');
    await rig.t.kiosk.core.endSession('finished');
    await expectNothingLeft(rig, []);
  });

  it('a matter published while a citizen is at the kiosk waits until the session ends', async () => {
    const central = rig.t.simulators.central!;
    const { core, store } = rig.t.kiosk;
    await swipe(rig, 'resident-6');
    const published = central.publishMatter({ ...petLicence, id: 'boat-licence', name: '船舶登记', nameEn: 'Boat registration' });
    const beats = heartbeats.replies;
    await expect.poll(() => heartbeats.replies, { timeout: 10_000 }).toBeGreaterThanOrEqual(beats + 2);
    expect(store.catalogVersion()).toBe(published.version - 1);
    expect((await core.listMatters()).map((m) => m.id)).not.toContain('boat-licence');
    await core.endSession('finished');
    await expectNothingLeft(rig, []);
    const ended = heartbeats.replies;
    await expect.poll(async () => (await core.listMatters()).map((m) => m.id), { timeout: 10_000 }).toContain('boat-licence');
    expect(heartbeats.replies - ended).toBeLessThanOrEqual(2);
    expect(store.catalogVersion()).toBe(published.version);
  });

  it('a malformed publication changes nothing: the kiosk keeps its catalog', async () => {
    const central = rig.t.simulators.central!;
    const { core, store } = rig.t.kiosk;
    const versionBefore = store.catalogVersion();
    const mattersBefore = await core.listMatters();
    const fetchesBefore = central.stats().requestsByRoute['GET /v1/catalog'] ?? 0;
    // Not a matter the schema allows (no such handling); the simulator stores what it is given.
    central.publishMatter({ ...petLicence, id: 'broken-matter', handling: 'teleport' } as unknown as Omit<Matter, 'version'>);
    // The kiosk saw the new version, asked for it, and refused the answer.
    await expect.poll(() => central.stats().requestsByRoute['GET /v1/catalog'] ?? 0, { timeout: 10_000 }).toBeGreaterThan(fetchesBefore);
    const beats = heartbeats.replies;
    await expect.poll(() => heartbeats.replies, { timeout: 10_000 }).toBeGreaterThanOrEqual(beats + 2);
    expect(store.catalogVersion()).toBe(versionBefore);
    expect(await core.listMatters()).toEqual(mattersBefore);
    // Refused once, not fetched again at every heartbeat.
    expect(central.stats().requestsByRoute['GET /v1/catalog']).toBe(fetchesBefore + 1);
  });
});
