/**
 * Offline shown at once: heartbeats a minute apart, so only the desks' own calls can
 * move the status bar. Central goes down mid-session: the data check's failed calls
 * turn 网络 offline on the same screen whose rows say 网络暂时中断; central back, the
 * next citizen's look-ups turn it online again, with no heartbeat in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { press, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';

describe('the status bar follows the desks’ central calls', () => {
  let rig: JourneyRig;
  const heartbeats = { replies: 0 };

  beforeAll(async () => {
    rig = await startJourneyRig({}, { heartbeatMs: 60_000 });
    rig.t.kiosk.forwarder.on('heartbeat', () => heartbeats.replies++);
  });
  afterAll(() => rig?.close());

  it('a failed data check shows offline at once; an answered look-up shows online again', async () => {
    const { page } = rig;
    const central = rig.t.simulators.central!;
    await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
    const beatsBefore = heartbeats.replies;
    await swipe(rig, 'resident-6');
    central.faults.apply({ down: true });
    try {
      await press(page, 'go-matters');
      await press(page, 'category-公安');
      await press(page, 'matter-residence-permit');
      await press(page, 'matter-start');
      await expect.poll(() => page.getByTestId('screen-data-check').getAttribute('data-finished'), { timeout: 30_000 }).toBe('true');
      expect(await page.getByTestId('check-residence').textContent()).toContain('网络暂时中断');
      await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state')).toBe('offline');
    } finally {
      central.faults.apply({}, true);
    }
    await rig.t.kiosk.core.endSession('finished');
    await waitForScreen(page, 'attract');
    await swipe(rig, 'resident-7');
    await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state')).toBe('online');
    // Only the confirming heartbeat (kicked by the first failure, while central was down) ran: none answered.
    expect(heartbeats.replies).toBe(beatsBefore);
    await rig.t.kiosk.core.endSession('finished');
  });
});
