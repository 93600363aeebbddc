/** The idle countdown in the real page: warning with 继续办理 (which moves the core's deadline), then back to attract and the core's session ended. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeft, press, screenshot, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';

describe('idle countdown', () => {
  let rig: JourneyRig;

  beforeAll(async () => {
    rig = await startJourneyRig({ session: { idleSeconds: 25, elderlyIdleSeconds: 50, warningSeconds: 18 } });
  });
  afterAll(() => rig?.close());

  it('warns before signing out, continues on 继续办理, and ends the session when nobody is there', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-6');
    await press(page, 'go-status');
    await expect.poll(() => page.getByTestId('idle-warning').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('idle-remaining').textContent()).toMatch(/\d+ 秒后将自动退出/);
    expect(await page.getByTestId('voice').getAttribute('data-prompt')).toBe('idle');
    await screenshot(page, 'idle');
    const deadline = (await rig.t.kiosk.core.getStatus()).session!.idleDeadlineAt;
    await press(page, 'idle-continue');
    expect(await page.getByTestId('idle-warning').count()).toBe(0);
    // 继续办理 reaches the core, whose deadline is the one that ends the session.
    await expect.poll(async () => (await rig.t.kiosk.core.getStatus()).session?.idleDeadlineAt ?? 0, { timeout: 5_000 }).toBeGreaterThan(deadline);
    await waitForScreen(page, 'status');
    expect((await rig.t.kiosk.core.getStatus()).session).not.toBeNull();
    await waitForScreen(page, 'attract', 45_000);
    await expectNothingLeft(rig, ['孙*', '6786']);
  });
});
