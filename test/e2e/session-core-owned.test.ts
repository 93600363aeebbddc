/**
 * The core owns the session, in the real page: a page closed mid-session and opened
 * again adopts the session with the core's deadline as it stands (never a fresh clock),
 * and with no page connected the core still ends the session at its deadline and
 * clears the identity; the next page shows the attract screen and nothing of the citizen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeft, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';

describe('a session the page cannot keep alive', () => {
  let rig: JourneyRig;

  beforeAll(async () => {
    rig = await startJourneyRig({ session: { idleSeconds: 20, elderlyIdleSeconds: 40, warningSeconds: 10 } });
  });
  afterAll(() => rig?.close());

  it('survives a page restart with its deadline unchanged, and ends at the deadline with no page connected', async () => {
    const core = rig.t.kiosk.core;
    await swipe(rig, 'resident-6');
    const deadline = (await core.getStatus()).session!.idleDeadlineAt;

    // The page crashes (closed, its WebSocket gone) and a new one opens: it adopts the session as it stands.
    await rig.page.close();
    const restarted = await rig.browser.context.newPage();
    await restarted.goto(rig.t.bridge.issuePageUrl());
    await waitForScreen(restarted, 'citizen-home');
    expect((await core.getStatus()).session?.idleDeadlineAt).toBe(deadline);
    await expect.poll(() => restarted.getByTestId('idle-warning').isVisible(), { timeout: 30_000 }).toBe(true);

    // Gone again, and nobody opens a page: the core ends the session itself at its deadline.
    await restarted.close();
    await expect.poll(() => core.sessions.current(), { timeout: 30_000 }).toBeNull();
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);

    const next = await rig.browser.context.newPage();
    await next.goto(rig.t.bridge.issuePageUrl());
    await expectNothingLeft({ ...rig, page: next }, ['孙*', '6786']);
  });
});
