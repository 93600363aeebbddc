/**
 * Shared steps of the journey tests (test/e2e/journey*.test.ts): a whole kiosk with its
 * simulators, Chromium on the real renderer, the central simulator's records for the
 * simulated card holders, and the privacy check run after every journey.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { launchTestBrowser, SCREENSHOT_DIR, type TestBrowser, type TestBrowserOptions } from '../support/browser.js';
import { startTestKiosk, type ConfigOverrides, type TestKiosk } from '../support/kiosk.js';
import type { ComposeOptions } from '../../electron/core/compose.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { buildPopulation, type Citizen } from '../../scripts/sim/central/population.js';
import { makeIdNumber } from '../../scripts/sim/central/id-number.js';
import { findPerson } from '../../scripts/sim/idcard/people.js';
import type { PrintedTicket } from '../../scripts/sim/printer/printer-model.js';
import { until } from '../support/until.js';

export interface JourneyRig {
  t: TestKiosk;
  browser: TestBrowser;
  page: Page;
  close(): Promise<void>;
}

const DAY = 86_400_000;

/** The hall's records (in the central simulator) for the people on the simulator's ID cards. */
export function centralRecordsForCardHolders(now = Date.now()): Citizen[] {
  const person = (id: string) => {
    const p = findPerson(id);
    if (!p) throw new Error(`no simulated card ${id}`);
    const birthDate = `${p.birth.slice(0, 4)}-${p.birth.slice(4, 6)}-${p.birth.slice(6, 8)}`;
    return { idNumber: p.idNumber, name: p.name, sex: p.sex === '1' ? ('male' as const) : ('female' as const), birthDate, address: p.address };
  };
  const base = { properties: [] as string[], kinship: [] as Citizen['kinship'], criminalRecord: false, appointments: [] as Citizen['appointments'] };
  const insured = { status: 'active' as const, since: '2010-03' };
  const hallTime = new Date(now + 8 * 3_600_000 + 30 * 60_000).toISOString().slice(11, 16);
  const babyBirth = new Date(now - 30 * DAY).toISOString().slice(0, 10);
  const baby: Citizen = {
    ...base,
    idNumber: makeIdNumber('330102', babyBirth, 21),
    name: '李小满',
    sex: 'female',
    birthDate: babyBirth,
    address: person('resident-2').address,
    role: 'newborn',
    socialInsurance: null,
    householdId: 'HC02',
    householdRole: 'child',
  };
  return [
    // 张三: insured, owns a flat, has an appointment today (预约签到).
    { ...base, ...person('resident-1'), role: 'appointment', socialInsurance: insured, householdId: 'HC01', householdRole: 'head',
      properties: ['西湖区文三路1号2幢301室'], appointments: [{ matterId: 'social-insurance-proof', time: hallTime, queue: 'A' }] },
    // 李梅: a newborn at home (政策找人 offers the newborn bundle).
    { ...base, ...person('resident-2'), role: 'newborn-mother', socialInsurance: insured, householdId: 'HC02', householdRole: 'head',
      kinship: [{ relation: 'child', idNumber: baby.idNumber }] },
    baby,
    { ...base, ...person('elder-1'), role: 'elderly', socialInsurance: insured, householdId: 'HC03', householdRole: 'head' },
    ...['resident-3', 'resident-4', 'resident-5', 'resident-6', 'resident-7', 'resident-8'].map((id, i) => ({
      ...base, ...person(id), role: 'resident', socialInsurance: insured, householdId: `HC1${i}`, householdRole: 'head' as const,
    })),
  ];
}

export async function startJourneyRig(overrides: ConfigOverrides = {}, options: Partial<ComposeOptions> = {}, browserOptions: TestBrowserOptions = {}): Promise<JourneyRig> {
  const t = await startTestKiosk(overrides, { printerOutputDir: null, ...options });
  t.simulators.central!.db.seedPopulation([...buildPopulation(Date.now(), 20), ...centralRecordsForCardHolders()], DEV_ID_HASH_KEY);
  const browser = await launchTestBrowser({ width: 1280, height: 1200 }, browserOptions);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const { page } = browser;
  await page.goto(t.bridge.issuePageUrl());
  await page.getByTestId('screen-attract').waitFor({ timeout: 15_000 });
  await until(async () => (await t.kiosk.core.getStatus()).devices.every((d) => d.state === 'ready'), 'every simulated device ready', { timeoutMs: 15_000, everyMs: 100 });
  return {
    t,
    browser,
    page,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Polls outside a test body (beforeAll), where expect.poll is not allowed. */
/** Every button a finger may need is at least 64 × 64 CSS pixels. */
export async function expectLargeTargets(page: Page): Promise<void> {
  const small = await page.locator('button:visible').evaluateAll((buttons) =>
    buttons
      .map((b) => ({ id: b.getAttribute('data-testid') ?? b.textContent, box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 64 || box.width < 64)
      .map(({ id, box }) => `${id} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small, 'touch targets under 64 px').toEqual([]);
}

/** Saves the screen for people to look at (and checks its touch targets on the way). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await expectLargeTargets(page);
  // Let the ring, the QR and the fonts settle: the picture is for people to look at.
  await page.waitForTimeout(150);
  // Not fullPage: the kiosk is one viewport tall (screens scroll inside), and resizing it mid-test moves targets.
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `journey-${name}.png`) });
}

export async function waitForScreen(page: Page, screen: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.locator('.kiosk').getAttribute('data-screen'), { timeout }).toBe(screen);
}

/** A card swiped over the reader simulator (a real PTY): the identified screen follows. */
export async function swipe(rig: JourneyRig, card: string, expectScreen: string | null = 'citizen-home'): Promise<void> {
  await rig.t.simulators.idcard!.handleControl({ command: 'swipe', args: { card, holdMs: 800 } });
  if (expectScreen) await waitForScreen(rig.page, expectScreen);
  // Wait for the card to leave the reader before anything else is swiped.
  await new Promise((r) => setTimeout(r, 1000));
}

export async function press(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
}

/** The deliberate gesture: the pointer held down on the button until the ring is full. */
export async function holdToConfirm(page: Page, via: 'pointer' | 'keyboard'): Promise<void> {
  const button = page.getByTestId('commit-hold');
  if (via === 'pointer') {
    await button.hover();
    await page.mouse.down();
    await page.waitForTimeout(2400);
    await page.mouse.up();
  } else {
    await button.focus();
    await page.keyboard.down(' ');
    await page.waitForTimeout(2400);
    await page.keyboard.up(' ');
  }
}

export async function printedSince(rig: JourneyRig, before: number, timeoutMs = 15_000): Promise<PrintedTicket> {
  const tickets = await rig.t.simulators.printer!.controls.waitForTickets(before + 1, timeoutMs);
  return tickets.at(-1)!;
}

/**
 * After a journey: back on the attract screen, the core holds no session, and nothing
 * of the citizen is on the page (names, ID fragments, ticket or application numbers).
 */
export async function expectNothingLeft(rig: JourneyRig, traces: string[]): Promise<void> {
  await waitForScreen(rig.page, 'attract');
  await expect.poll(async () => (await rig.t.kiosk.core.getStatus()).session, { timeout: 10_000 }).toBeNull();
  const html = await rig.page.content();
  for (const trace of traces) expect(html, `"${trace}" still on the page`).not.toContain(trace);
  expect(html).not.toMatch(/\d{3}\*{6,}\d{3}[\dX]/);
}
