/**
 * Focus on the kiosk's screen changes, in Chromium over the whole kiosk (issue #12b): focus
 * lands on the new screen's heading after a swipe, a ticket, going home and each step of a
 * matter handled live, and the idle warning takes focus on 继续办理 and gives it back to the
 * heading. Each screen's axe-core audit and focus-ring contrast run in the screen tour, at
 * the stop where the display-fit test stands (test/e2e/display-fit.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashMaintenancePin } from '../../electron/core/maintenance/pin.js';
import { holdToConfirm, press, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';

const PIN = '135790';

/** Focus is on the heading of the screen now shown: the first h2 of `screen-<name>`. */
async function expectFocusOnHeading(page: Page, screen: string, text?: RegExp): Promise<void> {
  await waitForScreen(page, screen);
  const focused = () =>
    page.evaluate((testId) => {
      const heading = document.querySelector(`[data-testid="${testId}"] h2`);
      const active = document.activeElement;
      return { onHeading: heading !== null && active === heading, active: `${active?.tagName} ${(active?.textContent ?? '').slice(0, 30)}` };
    }, `screen-${screen}`);
  await expect.poll(async () => (await focused()).onHeading, { timeout: 5_000 }).toBe(true);
  if (text) expect((await focused()).active).toMatch(text);
}

describe('focus on the screen changes', () => {
  let rig: JourneyRig;

  beforeAll(async () => {
    rig = await startJourneyRig({ maintenance: { pinHash: hashMaintenancePin(PIN) } });
    // The page's clock, faked before its scripts run (a fresh load with a new launch token), so
    // the idle warning can be reached by running the page's own timers on instead of waiting.
    await rig.page.clock.install();
    await rig.page.goto('about:blank');
    await rig.page.goto(rig.t.bridge.issuePageUrl());
    await rig.page.getByTestId('screen-attract').waitFor({ timeout: 15_000 });
  });
  afterAll(() => rig?.close());

  it('attract and help, before anyone is identified', async () => {
    const { page } = rig;
    await expectFocusOnHeading(page, 'attract');
    await press(page, 'go-help');
    await expectFocusOnHeading(page, 'help');
    await press(page, 'help-back');
    await expectFocusOnHeading(page, 'attract');
  });

  it('focus follows a swipe, a ticket and going home; a matter handled live to its receipt; the rating', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-5');
    await expectFocusOnHeading(page, 'citizen-home', /^H2 赵\*\*，您好/);
    await press(page, 'one-click-ticket');
    await expectFocusOnHeading(page, 'ticket', /^H2 取号成功/);
    await press(page, 'ticket-more');
    await expectFocusOnHeading(page, 'citizen-home', /^H2 赵\*\*，您好/);

    await press(page, 'go-matters');
    await expectFocusOnHeading(page, 'matters');
    await press(page, 'category-社保');
    await press(page, 'matter-social-insurance-proof');
    await expectFocusOnHeading(page, 'matter-detail');
    await press(page, 'matter-start');
    await expectFocusOnHeading(page, 'data-check');
    await expect.poll(() => page.getByTestId('screen-data-check').getAttribute('data-finished'), { timeout: 15_000 }).toBe('true');
    await press(page, 'check-continue');
    await expectFocusOnHeading(page, 'application-form');
    await press(page, 'submit-application');
    await expectFocusOnHeading(page, 'receipt');
    await press(page, 'receipt-done');
    await expectFocusOnHeading(page, 'evaluation');
    await press(page, 'rate-5');
    await expectFocusOnHeading(page, 'attract');
  });

  it('告知承诺 held with the keyboard, 我的办件, and the idle warning (focus on 继续办理, then back on the heading)', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-3');
    await press(page, 'go-matters');
    await press(page, 'category-教育');
    await press(page, 'matter-student-loan-hardship');
    await press(page, 'matter-start');
    await expectFocusOnHeading(page, 'commitment');
    // Holding Space on the ring still confirms with focus managed by screen changes.
    await holdToConfirm(page, 'keyboard');
    await expectFocusOnHeading(page, 'application-form');
    await press(page, 'nav-home');
    await expectFocusOnHeading(page, 'citizen-home');
    await press(page, 'go-status');
    await expectFocusOnHeading(page, 'status');

    // The idle warning, without waiting out the countdown: the page's timers are run on a
    // second at a time (the core's deadline stays) until the warning shows.
    const warning = page.getByTestId('idle-warning');
    for (let second = 0; !(await warning.isVisible()); second++) {
      if (second > 400) throw new Error(`no idle warning after ${second} s of page time`);
      await page.clock.runFor(1000);
    }
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('idle-continue');
    // 继续办理 tells the core; the page's clock, run ahead to reach the warning, is set back to
    // the real time so page and core agree again, and the dialog closes.
    await press(page, 'idle-continue');
    await page.clock.setSystemTime(new Date());
    await expect.poll(() => warning.count()).toBe(0);
    await expectFocusOnHeading(page, 'status');
    await press(page, 'nav-home');
    await press(page, 'finish');
    await press(page, 'eval-skip');
    await expectFocusOnHeading(page, 'attract');
  });

  it('代办: focus on the principals list, then on the home of the principal acted for', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-7');
    await press(page, 'go-proxy');
    await expectFocusOnHeading(page, 'proxy');
    await swipe(rig, 'resident-1', null);
    await expect.poll(() => page.getByTestId('principal').count(), { timeout: 10_000 }).toBe(1);
    await press(page, 'principal-0');
    await expectFocusOnHeading(page, 'citizen-home');
    await press(page, 'finish');
    await press(page, 'eval-skip');
    await expectFocusOnHeading(page, 'attract');
  });

  it('maintenance: the PIN pad (typed on the keyboard, focus on the heading) and back to attract', async () => {
    const { page } = rig;
    await page.getByTestId('status-hall').hover();
    await page.mouse.down();
    await page.waitForTimeout(3300);
    await page.mouse.up();
    await expectFocusOnHeading(page, 'maintenance');
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('staff-view').waitFor({ timeout: 10_000 });
    await press(page, 'maintenance-exit');
    await expectFocusOnHeading(page, 'attract');
  });
});
