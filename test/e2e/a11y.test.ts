/**
 * Accessibility of the journey screens in Chromium over the whole kiosk (issue #12b):
 * each screen, at 1080×1920 (portrait) and 1920×1080, in Chinese, English and elderly
 * mode, has no axe-core violation of WCAG 2.0/2.1 A and AA but the documented kiosk
 * exception, and a focus ring reaching 3:1 at every stop; and focus lands on the new
 * screen's heading at each screen change (after a swipe, a ticket, going home, …).
 *
 * One kiosk and one browser: the viewport and the mode change in place on each screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashMaintenancePin } from '../../electron/core/maintenance/pin.js';
import { holdToConfirm, press, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';
import { auditScreen, checkFocusIndicators, KIOSK_AXE_EXCEPTIONS, runAxe } from './support/axe-audit.js';

const PIN = '135790';
const SIZES = [
  { name: '1080×1920', width: 1080, height: 1920 },
  { name: '1920×1080', width: 1920, height: 1080 },
] as const;
const MODES = [
  { name: 'zh', locale: 'zh-CN', elderly: false },
  { name: 'en', locale: 'en', elderly: false },
  { name: 'elderly', locale: 'zh-CN', elderly: true },
] as const;
type Mode = (typeof MODES)[number];

/** The lowest focus-ring ratio seen on each screen, printed at the end for the record. */
const lowestRatios = new Map<string, number>();

/**
 * Switches language and elderly mode with the top bar's own buttons, by a click event
 * only: no pointerdown, so the idle countdown is left alone (and works under the idle dialog).
 */
async function setMode(page: Page, mode: Mode): Promise<void> {
  if ((await page.locator('.kiosk').getAttribute('lang')) !== mode.locale) await page.getByTestId('toggle-locale').dispatchEvent('click');
  if (((await page.getByTestId('toggle-elderly').getAttribute('aria-pressed')) === 'true') !== mode.elderly) {
    await page.getByTestId('toggle-elderly').dispatchEvent('click');
  }
  await expect.poll(() => page.locator('.kiosk').getAttribute('lang')).toBe(mode.locale);
  await expect.poll(() => page.locator('.kiosk.elderly').count()).toBe(mode.elderly ? 1 : 0);
}

async function checkVariant(page: Page, label: string): Promise<void> {
  await auditScreen(page, label);
  const report = await checkFocusIndicators(page, label);
  const screen = label.split(' @ ')[0]!;
  lowestRatios.set(screen, Math.min(lowestRatios.get(screen) ?? Infinity, report.lowest));
}

/** The screen as it stands, at both sizes and in the three modes; back to Chinese, standard mode at the end. */
async function checkScreen(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const mode of MODES) {
      await setMode(page, mode);
      await checkVariant(page, `${name} @ ${size.name} ${mode.name}`);
    }
  }
  await setMode(page, MODES[0]);
}

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

describe('accessibility of the journey screens', () => {
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
  afterAll(async () => {
    console.log(`lowest focus-ring contrast per screen:\n${[...lowestRatios].map(([s, r]) => `  ${s}: ${r.toFixed(2)}:1`).join('\n')}`);
    await rig?.close();
  });

  it('the one excepted axe rule is real: zoom is blocked on the kiosk page, and only that is let through', async () => {
    const rules = (await runAxe(rig.page)).map((v) => v.rule);
    expect(KIOSK_AXE_EXCEPTIONS.map((e) => e.rule)).toEqual(['meta-viewport']);
    expect(rules).toEqual(['meta-viewport']);
  });

  it('attract and help, before anyone is identified', async () => {
    const { page } = rig;
    await expectFocusOnHeading(page, 'attract');
    await checkScreen(page, 'attract');
    await press(page, 'go-help');
    await expectFocusOnHeading(page, 'help');
    await checkScreen(page, 'help');
    await press(page, 'help-back');
    await expectFocusOnHeading(page, 'attract');
  });

  it('focus follows a swipe, a ticket and going home; a matter handled live to its receipt; the rating', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-5');
    await expectFocusOnHeading(page, 'citizen-home', /^H2 赵\*\*，您好/);
    await checkScreen(page, 'identified home');
    await press(page, 'one-click-ticket');
    await expectFocusOnHeading(page, 'ticket', /^H2 取号成功/);
    await checkScreen(page, 'ticket');
    await press(page, 'ticket-more');
    await expectFocusOnHeading(page, 'citizen-home', /^H2 赵\*\*，您好/);

    await press(page, 'go-matters');
    await expectFocusOnHeading(page, 'matters');
    await press(page, 'category-社保');
    await checkScreen(page, 'matters');
    await press(page, 'matter-social-insurance-proof');
    await expectFocusOnHeading(page, 'matter-detail');
    await checkScreen(page, 'matter detail');
    await press(page, 'matter-start');
    await expectFocusOnHeading(page, 'data-check');
    await expect.poll(() => page.getByTestId('screen-data-check').getAttribute('data-finished'), { timeout: 15_000 }).toBe('true');
    await checkScreen(page, 'data check');
    await press(page, 'check-continue');
    await expectFocusOnHeading(page, 'application-form');
    await checkScreen(page, 'application form');
    await press(page, 'submit-application');
    await expectFocusOnHeading(page, 'receipt');
    await checkScreen(page, 'receipt');
    await press(page, 'receipt-done');
    await expectFocusOnHeading(page, 'evaluation');
    await checkScreen(page, 'evaluation');
    await press(page, 'rate-5');
    await expectFocusOnHeading(page, 'attract');
  });

  it('paper out, 告知承诺, 我的办件 and the idle warning (focus back on the heading after 继续办理)', async () => {
    const { page } = rig;
    const printer = rig.t.simulators.printer!.controls;
    printer.set({ paperOut: true });
    try {
      await swipe(rig, 'resident-3');
      await press(page, 'one-click-ticket');
      await expectFocusOnHeading(page, 'ticket');
      await expect.poll(() => page.getByTestId('print-status').getAttribute('data-status')).toBe('failed');
      await checkScreen(page, 'ticket, paper out');
    } finally {
      printer.reset();
    }
    await press(page, 'ticket-more');
    await press(page, 'go-matters');
    await press(page, 'category-教育');
    await press(page, 'matter-student-loan-hardship');
    await press(page, 'matter-start');
    await expectFocusOnHeading(page, 'commitment');
    await checkScreen(page, 'commitment');
    // Holding Space on the ring still confirms with focus managed by screen changes.
    await holdToConfirm(page, 'keyboard');
    await expectFocusOnHeading(page, 'application-form');
    await press(page, 'nav-home');
    await expectFocusOnHeading(page, 'citizen-home');
    await press(page, 'go-status');
    await expectFocusOnHeading(page, 'status');
    await checkScreen(page, 'status');

    await checkIdleWarning(page);
    // 继续办理 tells the core; the page's clock, run ahead to reach the warning, is set back to
    // the real time so page and core agree again, and the dialog closes.
    await press(page, 'idle-continue');
    await page.clock.setSystemTime(new Date());
    await expect.poll(() => page.getByTestId('idle-warning').count()).toBe(0);
    await expectFocusOnHeading(page, 'status');
    await setMode(page, MODES[0]);
    await press(page, 'nav-home');
    await press(page, 'finish');
    await press(page, 'eval-skip');
    await expectFocusOnHeading(page, 'attract');
  });

  it('central system down: the identified home says so', async () => {
    const { page } = rig;
    const central = rig.t.simulators.central!;
    central.faults.apply({ down: true });
    try {
      await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
      await swipe(rig, 'resident-4');
      await expect.poll(() => page.getByTestId('overview-offline').isVisible(), { timeout: 15_000 }).toBe(true);
      await checkScreen(page, 'identified home, central down');
      await press(page, 'finish');
      await press(page, 'eval-skip');
      await expectFocusOnHeading(page, 'attract');
    } finally {
      central.faults.apply({}, true);
    }
    await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
  });

  it('代办: the principals list, then acting for one', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-7');
    await press(page, 'go-proxy');
    await expectFocusOnHeading(page, 'proxy');
    for (const [i, card] of ['resident-1', 'resident-2'].entries()) {
      await swipe(rig, card, null);
      await expect.poll(() => page.getByTestId('principal').count(), { timeout: 10_000 }).toBe(i + 1);
    }
    await checkScreen(page, '代办');
    await press(page, 'principal-0');
    await expectFocusOnHeading(page, 'citizen-home');
    await checkScreen(page, 'identified home, acting for a principal');
    await press(page, 'finish');
    await press(page, 'eval-skip');
    await expectFocusOnHeading(page, 'attract');
  });

  it('maintenance: the PIN pad (typed on the keyboard, focus on the heading) and the staff view', async () => {
    const { page } = rig;
    await page.getByTestId('status-hall').hover();
    await page.mouse.down();
    await page.waitForTimeout(3300);
    await page.mouse.up();
    await expectFocusOnHeading(page, 'maintenance');
    await checkScreen(page, 'maintenance PIN');
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('staff-view').waitFor({ timeout: 10_000 });
    await checkScreen(page, 'maintenance staff view');
    await press(page, 'maintenance-exit');
    await expectFocusOnHeading(page, 'attract');
  });

  /**
   * The idle warning, without waiting out the countdown: the page's timers are run on a
   * second at a time (the core's deadline stays) until the warning shows, in each mode.
   * Chinese and English share one warning (the language switch does not touch the session);
   * elderly mode tells the core, whose longer deadline closes it, so it is reached again.
   * Leaves the warning open, in elderly mode, with the page's clock ahead of the real time.
   */
  async function checkIdleWarning(page: Page): Promise<void> {
    const warning = page.getByTestId('idle-warning');
    for (const mode of MODES) {
      await setMode(page, mode);
      if (mode.elderly) await expect.poll(() => warning.count()).toBe(0);
      for (let second = 0; !(await warning.isVisible()); second++) {
        if (second > 400) throw new Error(`no idle warning after ${second} s of page time`);
        await page.clock.runFor(1000);
      }
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('idle-continue');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await checkVariant(page, `idle warning @ ${size.name} ${mode.name}`);
      }
    }
  }
});
