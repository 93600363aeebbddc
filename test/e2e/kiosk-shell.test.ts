/**
 * The foundation end to end: the real renderer in Debian's Chromium over the browser
 * shell's loopback bridge. Loads the attract screen, navigates through the router, and
 * watches a core event (the central system going down and coming back) reach the screen.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTestBrowser, SCREENSHOT_DIR, type TestBrowser } from '../support/browser.js';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';

describe('browser shell', () => {
  let kiosk: TestKiosk;
  let browser: TestBrowser;

  beforeAll(async () => {
    kiosk = await startTestKiosk();
    browser = await launchTestBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
  });

  it('shows the attract screen in Chinese with the hall name', async () => {
    const { page } = browser;
    await page.goto(kiosk.bridge.issuePageUrl());
    await expect.poll(() => page.getByTestId('screen-attract').isVisible()).toBe(true);
    expect(await page.locator('.prompt').textContent()).toBe('请刷身份证或市民卡');
    await expect.poll(() => page.locator('.status-hall').textContent()).toContain('测试市民之家');
    await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state')).toBe('online');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'attract.png') });
  });

  it('navigates through the router and back', async () => {
    const { page } = browser;
    await page.getByTestId('go-help').click();
    await expect.poll(() => page.getByTestId('screen-help').isVisible()).toBe(true);
    expect(await page.locator('.kiosk').getAttribute('data-screen')).toBe('help');
    await page.getByTestId('help-back').click();
    await expect.poll(() => page.getByTestId('screen-attract').isVisible()).toBe(true);
  });

  it('switches language and elderly mode on the attract screen', async () => {
    const { page } = browser;
    await page.getByTestId('toggle-locale').click();
    await expect.poll(() => page.locator('.prompt').textContent()).toBe('Please swipe your ID card or citizen card');
    await page.getByTestId('toggle-locale').click();
    await page.getByTestId('toggle-elderly').click();
    expect(await page.locator('.kiosk').getAttribute('class')).toContain('elderly');
    await page.getByTestId('toggle-elderly').click();
  });

  it('shows the central system going down and coming back (a core event reaching the screen)', async () => {
    const { page } = browser;
    const central = kiosk.simulators.central!;
    central.faults.apply({ down: true });
    await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
    expect(await page.getByTestId('status-network').textContent()).toContain('离线');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'offline.png') });
    central.faults.apply({}, true);
    await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
  });
});
