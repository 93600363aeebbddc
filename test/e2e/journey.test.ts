/**
 * The citizen journeys through the screens, end to end: the real renderer in Chromium over
 * the browser shell, the ID-card simulator on a PTY, the printer simulator decoding ESC/POS,
 * the central simulator over HTTP. Each journey starts with a swipe, ends with the printed
 * ticket or receipt, and leaves no trace of the citizen on the page or in the core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeft, press, printedSince, screenshot, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';

describe('citizen journeys through the screens', () => {
  let rig: JourneyRig;
  const printed = () => rig.t.simulators.printer!.controls.tickets().length;

  beforeAll(async () => {
    rig = await startJourneyRig();
  });
  afterAll(() => rig?.close());

  it('attract: invites the card, with a picture and a way out for people without one', async () => {
    const { page } = rig;
    expect(await page.locator('.prompt').textContent()).toBe('请刷身份证或市民卡');
    expect(await page.getByTestId('voice').getAttribute('data-prompt')).toBe('attract');
    expect(await page.getByTestId('voice').getAttribute('src')).toMatch(/attract-.*\.wav$/);
    // The bundled prompt is served by the bridge and decodes (μ-law WAV) with nothing installed.
    await expect.poll(() => page.getByTestId('voice').evaluate((a: HTMLAudioElement) => (a.error ? `error ${a.error.code}` : a.duration)), { timeout: 10_000 }).toBeGreaterThan(1);
    await screenshot(page, 'attract');
  });

  it('一键取号: swipe, one button, the printed ticket; then 好差评 and nothing left', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-3');
    expect(await page.getByTestId('citizen-name').textContent()).toBe('王**，您好');
    expect(await page.getByTestId('citizen-id').textContent()).toContain('330***********3458');
    expect(await page.content()).not.toContain('330105197811223458');
    await expect.poll(() => page.getByTestId('voice').getAttribute('data-prompt')).toBe('citizen-home');
    await screenshot(page, 'identified');

    const before = printed();
    await press(page, 'one-click-ticket');
    await waitForScreen(page, 'ticket');
    const ticketNo = (await page.getByTestId('ticket-number').textContent())!;
    expect(ticketNo).toMatch(/^[A-Z][\d-]{3,}$/);
    expect(await page.getByTestId('ticket-ahead').textContent()).toMatch(/前面还有 \d+ 人/);
    await expect.poll(() => page.locator('[data-testid=ticket-qr] svg').count()).toBe(1);
    expect(await page.getByTestId('print-status').getAttribute('data-status')).toBe('printed');
    const paper = await printedSince(rig, before);
    expect(paper.text).toContain(ticketNo);
    expect(paper.text).not.toContain('330105197811223458');
    expect(paper.qrPayloads).toContain(await page.getByTestId('ticket-qr').getAttribute('data-qr-text'));
    await screenshot(page, 'ticket');

    await press(page, 'ticket-done');
    await waitForScreen(page, 'evaluation');
    await screenshot(page, 'evaluation');
    await press(page, 'rate-5');
    await expectNothingLeft(rig, ['王**', '3458', ticketNo]);
    await rig.t.kiosk.forwarder.waitUntilDrained(20_000);
    expect(rig.t.simulators.central!.stats().uniqueEffects.evaluation).toBeGreaterThanOrEqual(1);
  });

  it('预约签到: the appointment reported today becomes a checked-in ticket', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-1');
    await expect.poll(() => page.getByTestId('appointment-checkin').isVisible(), { timeout: 10_000 }).toBe(true);
    const before = printed();
    await press(page, 'appointment-checkin');
    await waitForScreen(page, 'ticket');
    const ticketNo = (await page.getByTestId('ticket-number').textContent())!;
    expect((await printedSince(rig, before)).text).toContain(ticketNo);
    await press(page, 'ticket-done');
    await press(page, 'eval-skip');
    await expectNothingLeft(rig, ['张*', '1238', ticketNo]);
  });

  it('绿色通道 by age: a citizen of 70+ gets elderly mode and the elderly priority without asking', async () => {
    const { page } = rig;
    await swipe(rig, 'elder-1');
    expect(await page.locator('.kiosk').getAttribute('class')).toContain('elderly');
    expect(await page.getByTestId('one-click-ticket').getAttribute('data-priority')).toBe('elderly');
    // Fewer choices in elderly mode.
    expect(await page.getByTestId('go-categories').count()).toBe(0);
    expect(await page.getByTestId('priority-disabled').count()).toBe(0);
    await screenshot(page, 'elderly');
    await press(page, 'one-click-ticket');
    await waitForScreen(page, 'ticket');
    expect(await page.getByTestId('ticket-priority').textContent()).toBe('老年人优先');
    await screenshot(page, 'elderly-ticket');
    await press(page, 'ticket-done');
    await press(page, 'rate-4');
    await expectNothingLeft(rig, ['陈**', '0124']);
    expect(await page.locator('.kiosk').getAttribute('class')).not.toContain('elderly');
  });

  it('绿色通道 declared, 按事项取号 and a window matter: the request the citizen chose reaches the queue', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-4');
    await press(page, 'priority-pregnant');
    await waitForScreen(page, 'ticket');
    expect(await page.getByTestId('ticket-priority').textContent()).toBe('孕妇优先');
    await press(page, 'ticket-more');
    await press(page, 'go-categories');
    await waitForScreen(page, 'categories');
    await screenshot(page, 'categories');
    await press(page, 'category-ticket-不动产');
    await waitForScreen(page, 'ticket');
    await press(page, 'ticket-more');
    await press(page, 'go-matters');
    await press(page, 'category-出入境');
    expect(await page.getByTestId('matter-passport').textContent()).toContain('需要现场采集人像和指纹');
    const before = printed();
    await press(page, 'window-ticket-passport');
    await waitForScreen(page, 'ticket');
    const ticketNo = (await page.getByTestId('ticket-number').textContent())!;
    expect((await printedSince(rig, before)).text).toContain(ticketNo);
    await press(page, 'ticket-done');
    await press(page, 'eval-skip');
    await expectNothingLeft(rig, ['欧***', '4566', ticketNo]);
  });

  it('数据查验: a proof-free matter checked live, submitted, and its receipt printed', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-5');
    await press(page, 'go-matters');
    await waitForScreen(page, 'matters');
    await press(page, 'category-社保');
    await screenshot(page, 'matters');
    await press(page, 'matter-social-insurance-proof');
    await waitForScreen(page, 'matter-detail');
    expect(await page.getByTestId('proof-social-insurance').getAttribute('data-satisfied-by')).toBe('data-check');
    await screenshot(page, 'matter');
    await press(page, 'matter-start');
    await waitForScreen(page, 'data-check');
    await expect.poll(() => page.getByTestId('check-social-insurance').getAttribute('data-status'), { timeout: 10_000 }).toBe('confirmed');
    expect(await page.getByTestId('check-social-insurance').textContent()).toContain('已查到');
    await screenshot(page, 'data-check');
    await press(page, 'check-continue');
    await waitForScreen(page, 'application-form');
    await screenshot(page, 'form');
    const before = printed();
    await press(page, 'submit-application');
    await waitForScreen(page, 'receipt');
    expect(await page.getByTestId('outcome-social-insurance').getAttribute('data-satisfied-by')).toBe('data-check');
    const appNo = (await page.locator('.app-no').first().textContent())!.replace(/^.*：/, '');
    expect((await printedSince(rig, before)).text.replace(/\s/g, '')).toContain(appNo);
    await screenshot(page, 'receipt');
    await press(page, 'receipt-done');
    await press(page, 'rate-5');
    await expectNothingLeft(rig, ['赵**', '5670', appNo]);
  });

  it('告知承诺: the commitment text, confirmed by holding Space, printed on the receipt', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-6');
    await press(page, 'go-matters');
    await press(page, 'category-教育');
    await press(page, 'matter-student-loan-hardship');
    expect(await page.getByTestId('proof-financial-hardship').getAttribute('data-satisfied-by')).toBe('commitment');
    await press(page, 'matter-start');
    await waitForScreen(page, 'commitment');
    expect(await page.getByTestId('commitment-text').textContent()).toContain('本人承诺所填家庭经济情况真实');
    // A tap is not a commitment.
    await press(page, 'commit-hold');
    await page.waitForTimeout(300);
    await waitForScreen(page, 'commitment');
    await page.getByTestId('commit-hold').focus();
    await page.keyboard.down(' ');
    await page.waitForTimeout(900);
    await screenshot(page, 'commitment');
    await page.waitForTimeout(1500);
    await page.keyboard.up(' ');
    await waitForScreen(page, 'application-form');
    const before = printed();
    await press(page, 'submit-application');
    await waitForScreen(page, 'receipt');
    expect(await page.getByTestId('outcome-financial-hardship').getAttribute('data-satisfied-by')).toBe('commitment');
    expect((await printedSince(rig, before)).text.replace(/\s/g, '')).toContain('本人承诺');
    await press(page, 'receipt-done');
    await press(page, 'eval-skip');
    await expectNothingLeft(rig, ['孙*', '6786']);
  });

  it('政策找人 + 一件事: the newborn bundle offered, one form, one submit, one progress list of departments', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-2');
    await expect.poll(() => page.getByTestId('entitlement-newborn-bundle').isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'entitlement');
    await press(page, 'entitlement-newborn-bundle');
    await waitForScreen(page, 'matter-detail');
    expect(await page.getByTestId('bundle-of').locator('li').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'bundle');
    await press(page, 'matter-start');
    await expect.poll(() => page.getByTestId('screen-data-check').getAttribute('data-finished'), { timeout: 15_000 }).toBe('true');
    await press(page, 'check-continue');
    await waitForScreen(page, 'application-form');
    await press(page, 'answer-settleWith-mother');
    const before = printed();
    await press(page, 'submit-application');
    await waitForScreen(page, 'receipt');
    expect(await page.getByTestId('screen-receipt').getAttribute('data-bundle')).toBe('true');
    expect(await page.getByTestId('application').count()).toBe(3);
    expect((await printedSince(rig, before)).text).toContain('一件事');
    await screenshot(page, 'bundle-receipt');
    await press(page, 'receipt-done');
    await press(page, 'rate-5');
    await expectNothingLeft(rig, ['李*', '2349']);
  });

  it('我的办件: swiping again shows the applications and verifications with their state', async () => {
    const { page } = rig;
    await rig.t.kiosk.forwarder.waitUntilDrained(20_000);
    await swipe(rig, 'resident-2');
    // The same card again: that is how a citizen asks for their applications.
    await swipe(rig, 'resident-2', 'status');
    await expect.poll(() => page.getByTestId('status-application').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'status');
    await press(page, 'nav-home');
    await press(page, 'finish');
    await press(page, 'eval-skip');
    await expectNothingLeft(rig, ['李*', '2349']);
  });

  it('in English, with large text switched on by hand', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-8');
    await press(page, 'toggle-locale');
    await press(page, 'toggle-elderly');
    expect(await page.getByTestId('one-click-ticket').textContent()).toContain('Take a number');
    await expect.poll(() => page.getByTestId('voice').getAttribute('src')).toMatch(/citizen-home-.*\.wav$/);
    await screenshot(page, 'english');
    await press(page, 'toggle-mute');
    expect(await page.getByTestId('voice').getAttribute('data-muted')).toBe('true');
    await press(page, 'finish');
    await press(page, 'eval-skip');
    await expectNothingLeft(rig, ['吴**', '8907']);
    expect(await page.locator('.prompt').textContent()).toBe('请刷身份证或市民卡');
  });

  it('in English, a commitment shows an English rendering beside the binding Chinese text', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-7');
    await press(page, 'toggle-locale');
    await press(page, 'go-matters');
    await press(page, 'category-教育');
    await press(page, 'matter-student-loan-hardship');
    expect(await page.getByTestId('proof-financial-hardship').textContent()).toContain('Family financial-hardship proof');
    await press(page, 'matter-start');
    await waitForScreen(page, 'commitment');
    expect(await page.getByTestId('commitment-text').textContent()).toContain('本人承诺所填家庭经济情况真实');
    expect(await page.getByTestId('commitment-translation').textContent()).toContain('I promise that the family financial situation');
    await press(page, 'nav-home');
    await press(page, 'finish');
    await press(page, 'eval-skip');
    await expectNothingLeft(rig, ['周*', '7894']);
  });

  it('keyboard only, with a Hong Kong / Macao residence card: Tab to a button, Enter to press it', async () => {
    const { page } = rig;
    await swipe(rig, 'hk-1');
    const tabTo = async (testId: string) => {
      for (let i = 0; i < 30; i++) {
        if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${testId}`);
    };
    await tabTo('one-click-ticket');
    // The focus is visible: an outline drawn around the focused button.
    expect(await page.getByTestId('one-click-ticket').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'ticket');
    const ticketNo = (await page.getByTestId('ticket-number').textContent())!;
    await tabTo('ticket-done');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'evaluation');
    await tabTo('rate-4');
    await page.keyboard.press('Enter');
    await expectNothingLeft(rig, ['陈**', '1230', ticketNo]);
  });
});
