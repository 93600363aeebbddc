/**
 * The page's liveness over the browser shell's bridge, with the real renderer in Chromium:
 * its JavaScript answers the bridge's pings while it runs; a page whose main thread is
 * stuck is disconnected (which the window watchdog then sees), and reconnects by itself
 * if it ever comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTestBrowser, type TestBrowser } from '../support/browser.js';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';

describe('page liveness', () => {
  let kiosk: TestKiosk;
  let browser: TestBrowser;
  const logged: string[] = [];

  beforeAll(async () => {
    kiosk = await startTestKiosk({ devices: { idcard: null, citizencard: null, printer: null } }, {}, {
      pingMs: 100, unresponsiveMs: 1500, log: (l) => logged.push(l),
    });
    browser = await launchTestBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
  });

  it('stays connected while the page answers, is dropped while it hangs, and reconnects after', async () => {
    const { page } = browser;
    await page.goto(kiosk.bridge.issuePageUrl());
    await page.getByTestId('screen-attract').waitFor();
    await expect.poll(() => kiosk.bridge.pageConnections()).toBe(1);
    await page.waitForTimeout(2500); // well past unresponsiveMs: the page's pongs keep it
    expect(kiosk.bridge.pageConnections()).toBe(1);
    expect(logged).toEqual([]);

    const counts: number[] = [];
    const off = kiosk.bridge.onPageConnections((n) => counts.push(n));
    // Block the page's main thread for 4 s (a hung page), without waiting for it here.
    const hang = page.evaluate(() => {
      const end = Date.now() + 4000;
      while (Date.now() < end) { /* busy */ }
    });
    await expect.poll(() => counts.includes(0), { timeout: 5000 }).toBe(true);
    expect(logged.at(-1)).toBe('kiosk page has not answered for 2 s: closing its connection');
    await hang;
    await expect.poll(() => kiosk.bridge.pageConnections(), { timeout: 10_000 }).toBe(1);
    off();
  });
});
