/**
 * The page's transport in Chromium when its connection drops mid-call: the real renderer,
 * a call to the core waiting on a slow central system, the page's socket closed by the
 * bridge (the page stopped answering its pings for a moment). The call fails at once and
 * the screen says so in plain words; the page reconnects with its session secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTestBrowser, type TestBrowser } from '../support/browser.js';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';
import { zhCN } from '../../renderer/i18n/zh-CN.js';
import { swipe } from './journey-helpers.js';

describe('page transport: a connection dropped mid-call', () => {
  let kiosk: TestKiosk;
  let browser: TestBrowser;

  beforeAll(async () => {
    kiosk = await startTestKiosk({ devices: { citizencard: null, printer: null } }, { printerOutputDir: null }, { pingMs: 100, unresponsiveMs: 1500 });
    browser = await launchTestBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
  });

  it('fails the waiting call with a plain message, and reconnects with its session secret', async () => {
    const { page } = browser;
    await page.goto(kiosk.bridge.issuePageUrl());
    await page.getByTestId('screen-attract').waitFor();
    await expect.poll(async () => (await kiosk.kiosk.core.getStatus()).devices.find((d) => d.device === 'idcard')?.state, { timeout: 15_000 }).toBe('ready');
    // Every central call now takes 8 s: the overview asked for on identification waits that long.
    kiosk.simulators.central!.faults.apply({ latencyMs: [8000, 8000] });
    await swipe({ t: kiosk, browser, page, close: async () => {} }, 'resident-1');
    const counts: number[] = [];
    kiosk.bridge.onPageConnections((n) => counts.push(n));
    // The page's main thread stops for 2.5 s: the bridge drops its socket with the overview call unanswered.
    await page.evaluate(() => {
      const end = Date.now() + 2500;
      while (Date.now() < end) { /* busy */ }
    });
    await expect.poll(() => page.getByTestId('problem').getAttribute('data-code'), { timeout: 5000 }).toBe('transport-closed');
    expect(await page.getByTestId('problem').textContent()).toContain(zhCN['problem.transport-closed']);
    expect(counts[0]).toBe(0);
    await expect.poll(() => kiosk.bridge.pageConnections(), { timeout: 10_000 }).toBe(1); // back, with its secret
    kiosk.simulators.central!.faults.apply({}, true);
  });
});
