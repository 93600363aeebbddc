/**
 * The journeys when things go wrong, and 代办: paper out (virtual ticket, then 重新打印),
 * the central system down (estimated queue, data checks falling back, receipt still
 * printed), an unreadable card (plain words), and one agent handling eight principals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeft, holdToConfirm, press, printedSince, screenshot, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';

describe('journeys when things go wrong, and 代办', () => {
  let rig: JourneyRig;
  const printed = () => rig.t.simulators.printer!.controls.tickets().length;

  beforeAll(async () => {
    rig = await startJourneyRig();
  });
  afterAll(() => rig?.close());

  it('unreadable card: says what to do, in plain words', async () => {
    const { page } = rig;
    await rig.t.simulators.idcard!.handleControl({ command: 'fail-reads', args: { count: 3 } });
    await rig.t.simulators.idcard!.handleControl({ command: 'insert', args: { card: 'resident-3' } });
    await expect.poll(() => page.getByTestId('notice').getAttribute('data-code'), { timeout: 10_000 }).toBe('card-read-failed');
    expect(await page.getByTestId('notice').textContent()).toContain('读卡失败，请将身份证平放在感应区');
    expect(await page.content()).not.toMatch(/Error|at \w+ \(/);
    await screenshot(page, 'error');
    await rig.t.simulators.idcard!.handleControl({ command: 'remove' });
    await press(page, 'notice-dismiss');
    expect(await page.getByTestId('notice').count()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
  });

  it('paper out: the virtual ticket with the printer’s message, then 重新打印 once paper is back', async () => {
    const { page } = rig;
    const printer = rig.t.simulators.printer!.controls;
    printer.set({ paperOut: true });
    await swipe(rig, 'resident-3');
    const before = printed();
    await press(page, 'one-click-ticket');
    await waitForScreen(page, 'ticket');
    expect(await page.getByTestId('print-status').getAttribute('data-status')).toBe('failed');
    expect(await page.getByTestId('print-message').textContent()).toContain('缺纸');
    const ticketNo = (await page.getByTestId('ticket-number').textContent())!;
    expect(await page.getByTestId('virtual-ticket').textContent()).toContain(ticketNo);
    await expect.poll(() => page.getByTestId('voice').getAttribute('data-prompt')).toBe('ticket-failed');
    await screenshot(page, 'ticket-paper-out');
    expect(printed()).toBe(before);
    printer.reset();
    await press(page, 'reprint');
    await expect.poll(() => page.getByTestId('print-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('printed');
    expect((await printedSince(rig, before)).text).toContain(ticketNo);
    await press(page, 'ticket-done');
    await press(page, 'rate-3');
    await expectNothingLeft(rig, ['王**', '3458', ticketNo]);
  });

  it('central system down: the ticket says 约, data checks fall back in plain words, the receipt still prints', async () => {
    const { page } = rig;
    const central = rig.t.simulators.central!;
    central.faults.apply({ down: true });
    try {
      await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
      await swipe(rig, 'resident-4');
      await expect.poll(() => page.getByTestId('overview-offline').isVisible(), { timeout: 15_000 }).toBe(true);
      await press(page, 'one-click-ticket');
      await waitForScreen(page, 'ticket', 20_000);
      expect(await page.getByTestId('ticket-ahead').getAttribute('data-live')).toBe('false');
      expect(await page.getByTestId('ticket-wait').textContent()).toContain('约');
      await screenshot(page, 'ticket-offline');

      await press(page, 'ticket-more');
      await press(page, 'go-matters');
      await press(page, 'category-公安');
      await press(page, 'matter-residence-permit');
      await press(page, 'matter-start');
      await expect.poll(() => page.getByTestId('screen-data-check').getAttribute('data-finished'), { timeout: 30_000 }).toBe('true');
      expect(await page.getByTestId('check-residence').getAttribute('data-status')).toBe('unavailable');
      expect(await page.getByTestId('check-residence').textContent()).toContain('网络暂时中断，本项改为告知承诺，不影响您办理');
      expect(await page.getByTestId('check-social-insurance').textContent()).toContain('本项改为部门核验');
      await screenshot(page, 'data-check-offline');
      await press(page, 'check-continue');
      await waitForScreen(page, 'commitment');
      await holdToConfirm(page, 'pointer');
      await waitForScreen(page, 'application-form');
      const before = printed();
      await press(page, 'submit-application');
      await waitForScreen(page, 'receipt', 20_000);
      expect(await page.getByTestId('outcome-residence').getAttribute('data-satisfied-by')).toBe('commitment');
      expect(await page.getByTestId('outcome-residence').getAttribute('data-fell-back')).toBe('true');
      expect(await page.getByTestId('outcome-social-insurance').getAttribute('data-satisfied-by')).toBe('department-verification');
      expect(await page.getByTestId('how-to-learn').textContent()).toContain('短信通知');
      const appNo = (await page.locator('.app-no').first().textContent())!.replace(/^.*：/, '');
      expect((await printedSince(rig, before)).text.replace(/\s/g, '')).toContain(appNo);
      await screenshot(page, 'receipt-offline');
      await press(page, 'receipt-done');
      await press(page, 'rate-4');
      await expectNothingLeft(rig, ['欧***', '4566', appNo]);
    } finally {
      central.faults.apply({}, true);
    }
    await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
  });

  it('代办: one agent, eight principals swiped in turn, each handled apart, all cleared at the end', async () => {
    const { page } = rig;
    await swipe(rig, 'resident-7');
    await press(page, 'go-proxy');
    await waitForScreen(page, 'proxy');
    expect(await page.getByTestId('proxy-prompt').textContent()).toBe('请刷被代办人的身份证');
    const cards = ['resident-1', 'resident-2', 'resident-3', 'resident-4', 'resident-5', 'resident-6', 'resident-8', 'elder-1'];
    for (const [i, card] of cards.entries()) {
      await swipe(rig, card, null);
      await expect.poll(() => page.getByTestId('principal').count(), { timeout: 10_000 }).toBe(i + 1);
    }
    await screenshot(page, 'proxy');

    await press(page, 'principal-0');
    await waitForScreen(page, 'citizen-home');
    expect(await page.getByTestId('subject-banner').textContent()).toContain('张*');
    const before = printed();
    await press(page, 'one-click-ticket');
    await waitForScreen(page, 'ticket');
    const first = (await page.getByTestId('ticket-number').textContent())!;
    await printedSince(rig, before);

    await press(page, 'ticket-more');
    await press(page, 'go-proxy');
    await press(page, 'principal-7');
    await waitForScreen(page, 'citizen-home');
    expect(await page.getByTestId('subject-banner').textContent()).toContain('陈**');
    expect(await page.getByTestId('one-click-ticket').getAttribute('data-priority')).toBe('elderly');
    await press(page, 'one-click-ticket');
    await waitForScreen(page, 'ticket');
    const second = (await page.getByTestId('ticket-number').textContent())!;
    expect(second).not.toBe(first);
    expect(await page.getByTestId('ticket-priority').textContent()).toBe('老年人优先');

    await press(page, 'ticket-done');
    await press(page, 'rate-5');
    await expectNothingLeft(rig, ['周*', '7894', '张*', '1238', '李*', '2349', '陈**', '0124', first, second]);
  });
});
