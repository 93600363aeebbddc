/**
 * The staff maintenance screen in Chromium over the whole kiosk: opened by holding the
 * kiosk label, a wrong PIN refused, the right one shows the devices and the outbox,
 * a test page printed on the printer simulator (and paper out said so), the central
 * system's outage visible, and the screen closed by 退出维护 or by a citizen's swipe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashMaintenancePin } from '../../electron/core/maintenance/pin.js';
import { press, screenshot, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';

const PIN = '246810';

async function holdKioskLabel(page: Page, ms: number): Promise<void> {
  await page.getByTestId('status-hall').hover();
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

async function unlock(page: Page): Promise<void> {
  await holdKioskLabel(page, 3300);
  await waitForScreen(page, 'maintenance');
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await page.getByTestId('staff-view').waitFor({ timeout: 10_000 });
}

describe('maintenance screen', () => {
  let rig: JourneyRig;

  beforeAll(async () => {
    rig = await startJourneyRig({ maintenance: { pinHash: hashMaintenancePin(PIN) } });
  });
  afterAll(() => rig?.close());

  it('opens only on a long hold of the kiosk label, and refuses a wrong PIN', async () => {
    const { page } = rig;
    await holdKioskLabel(page, 600);
    await page.waitForTimeout(3000);
    expect(await page.locator('.kiosk').getAttribute('data-screen')).toBe('attract');

    await holdKioskLabel(page, 3300);
    await waitForScreen(page, 'maintenance');
    expect(await page.getByTestId('voice').getAttribute('data-prompt')).toBe('none');
    for (const digit of '13579') await press(page, `pin-${digit}`);
    expect(await page.getByTestId('pin-ok').isDisabled()).toBe(true); // fewer than 6 digits
    await press(page, 'pin-1');
    expect(await page.getByTestId('pin-dots').getAttribute('data-length')).toBe('6');
    expect(await page.getByTestId('pin-dots').textContent()).not.toContain('135791');
    await press(page, 'pin-ok');
    await expect.poll(() => page.getByTestId('pin-refusal').getAttribute('data-reason')).toBe('wrong-pin');
    expect(await page.getByTestId('pin-refusal').textContent()).toContain('还可以再试 4 次');
    await expect(rig.t.kiosk.core.getMaintenanceView()).rejects.toMatchObject({ code: 'maintenance-locked' });
    await press(page, 'maintenance-exit');
    await waitForScreen(page, 'attract');
  });

  it('shows the devices and the outbox, prints a test page, and says when paper is out', async () => {
    const { page } = rig;
    const printer = rig.t.simulators.printer!.controls;
    await unlock(page);
    for (const device of ['idcard', 'citizencard', 'printer']) {
      expect(await page.getByTestId(`maintenance-device-${device}`).getAttribute('data-state')).toBe('ready');
    }
    expect(await page.getByTestId('maintenance-online').textContent()).toContain('在线');
    expect(await page.getByTestId('maintenance-quarantined-none').count()).toBe(1);
    await screenshot(page, 'maintenance');

    const before = printer.tickets().length;
    await press(page, 'maintenance-test-print');
    await expect.poll(() => page.getByTestId('maintenance-result').getAttribute('data-code'), { timeout: 15_000 }).toBe('printed');
    const [page1] = (await printer.waitForTickets(before + 1, 15_000)).slice(before);
    expect(page1!.text).toContain(`维护测试 ${rig.t.config.kioskId}`);
    expect(page1!.text).toContain('中文测试');

    printer.set({ paperOut: true });
    try {
      await press(page, 'maintenance-test-print');
      await expect.poll(() => page.getByTestId('maintenance-result').getAttribute('data-code'), { timeout: 15_000 }).toBe('paper-out');
      expect(printer.tickets().length).toBe(before + 1);
    } finally {
      printer.reset();
    }
  });

  it('shows the central system going offline, then closes when a citizen swipes a card', async () => {
    const { page } = rig;
    const central = rig.t.simulators.central!;
    central.faults.apply({ down: true });
    try {
      await expect.poll(() => page.getByTestId('maintenance-online').textContent(), { timeout: 15_000 }).toContain('离线');
    } finally {
      central.faults.apply({}, true);
    }
    await press(page, 'maintenance-sync-now');
    await expect.poll(() => page.getByTestId('maintenance-result').getAttribute('data-code')).toBe('sync-started');
    await expect.poll(() => page.getByTestId('maintenance-online').textContent(), { timeout: 15_000 }).toContain('在线');

    await swipe(rig, 'resident-4');
    expect(await page.getByTestId('staff-view').count()).toBe(0);
    await expect(rig.t.kiosk.core.getMaintenanceView()).rejects.toMatchObject({ code: 'maintenance-locked' });
    await press(page, 'finish');
    await press(page, 'rate-5');
    await waitForScreen(page, 'attract');
  });
});
