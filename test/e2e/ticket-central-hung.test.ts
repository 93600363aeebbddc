/**
 * The ticket never waits on the network: with central.url pointing at a server that
 * accepts connections and never answers (and a client timeout far beyond the test's
 * own waits), a citizen's tap in Chromium gives a printed ticket (decoded by the printer
 * simulator) and the ticket screen, both saying the queue is an estimate, while the
 * queue look-up is still waiting for its answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTestBrowser, type TestBrowser } from '../support/browser.js';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';
import { startSilentCentral, type SilentCentral } from '../support/silent-central.js';
import { waitForScreen } from './journey-helpers.js';

describe('ticket with the central API hung', () => {
  let central: SilentCentral;
  let t: TestKiosk;
  let browser: TestBrowser;

  beforeAll(async () => {
    central = await startSilentCentral();
    // Two minutes: had the ticket waited for central, no screen below would come in time.
    t = await startTestKiosk({ central: { url: central.url, token: 'test-kiosk-token', timeoutMs: 120_000 } }, { printerOutputDir: null });
    browser = await launchTestBrowser({ width: 1280, height: 1200 });
    await browser.page.goto(t.bridge.issuePageUrl());
    await browser.page.getByTestId('screen-attract').waitFor({ timeout: 15_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await central?.close(); // the waiting calls fail at once, so the forwarder stops promptly
    await t?.close();
  });

  it('prints and shows the ticket, marked as an estimate, while central has not answered', async () => {
    const { page } = browser;
    const printer = t.simulators.printer!.controls;
    await expect.poll(async () => (await t.kiosk.core.getStatus()).devices.every((d) => d.state === 'ready'), { timeout: 15_000 }).toBe(true);
    const before = printer.tickets().length;
    await t.simulators.idcard!.handleControl({ command: 'swipe', args: { card: 'resident-3', holdMs: 800 } });
    await waitForScreen(page, 'citizen-home');
    await page.getByTestId('one-click-ticket').click();
    await waitForScreen(page, 'ticket');
    const ticketNo = (await page.getByTestId('ticket-number').textContent())!;
    expect(await page.getByTestId('ticket-ahead').getAttribute('data-live')).toBe('false');
    expect(await page.getByTestId('ticket-ahead').textContent()).toContain('约');
    await expect.poll(() => page.getByTestId('print-status').getAttribute('data-status')).toBe('printed');
    const [paper] = (await printer.waitForTickets(before + 1, 10_000)).slice(before);
    expect(paper!.text).toContain(ticketNo);
    expect(paper!.text).toMatch(/前面等候：\s*约 \d+ 人（估算）/);

    // The queue look-up (made when the citizen was identified) reached central and is still waiting.
    const lookUp = central.heard.find((h) => /^GET \/v1\/queues\/A[ ?]/.test(h.line) && h.open());
    expect(lookUp, `heard: ${central.heard.map((h) => h.line).join(', ')}`).toBeDefined();
    expect(central.bytesWritten()).toBe(0);
  });
});
