/**
 * A tour of every screen of the citizen journeys, driven for real: swipes on the ID-card
 * simulator's PTY, tickets and receipts on the printer simulator (paper out too), the
 * central simulator taken down, 代办 with eight principals, the idle warning and the staff
 * PIN screen. At each screen the tour stops and awaits `visit(label, stop)`, so any check
 * (the display-fit test's geometry, an accessibility audit) runs on the same screens.
 *
 * A visit may switch the language and elderly mode and resize the viewport, but must leave
 * them as it found them: the tour's next press expects the screen it left.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { hashMaintenancePin } from '../../../electron/core/maintenance/pin.js';
import { holdToConfirm, press, startJourneyRig, waitForScreen, type JourneyRig } from '../journey-helpers.js';

/** The staff PIN of the tour's kiosk. */
export const TOUR_PIN = '246810';

/**
 * Short enough that the tour sees the idle warning without a long wait (12 s after the last
 * activity the core heard, which the page tells it at most every 5 s), long enough that
 * a visit's own presses keep the session open; the warning itself lasts 48 s, time for a
 * visit's whole matrix and audit on a busy machine before the session ends under it.
 */
export const TOUR_SESSION = { idleSeconds: 60, elderlyIdleSeconds: 60, warningSeconds: 48 } as const;

export interface TourStop {
  /** The screen and its state, e.g. `ticket-paper-out`; unique within a tour. */
  label: string;
  /**
   * Whether the visit may press the elderly-mode toggle in place. Not on the idle warning:
   * the toggle is activity the core hears at once, which moves the deadline and closes the
   * warning; the tour shows that screen in each mode itself (`elderly` says which).
   */
  modeSwitchable: boolean;
  /** The elderly mode the screen is shown in when the tour arrives. */
  elderly: boolean;
}

export type ScreenVisit = (label: string, stop: TourStop) => Promise<void>;

/** One journey of the tour: starts and ends on the attract screen with no session open. */
export type TourJourney = (tour: Tour) => Promise<void>;

/** A whole kiosk for the tour: the journey rig with a staff PIN and the tour's idle timings. */
export function startTourRig(): Promise<JourneyRig> {
  return startJourneyRig({ maintenance: { pinHash: hashMaintenancePin(TOUR_PIN) }, session: { ...TOUR_SESSION } });
}

export class Tour {
  readonly visited: string[] = [];

  constructor(
    readonly rig: JourneyRig,
    private readonly visit: ScreenVisit,
  ) {}

  get page(): Page {
    return this.rig.page;
  }

  /** Stops at the current screen (which must be `screen`) and runs the visit. */
  async stop(screen: string, label: string, modeSwitchable = true): Promise<void> {
    await waitForScreen(this.page, screen);
    if (this.visited.includes(label)) throw new Error(`tour label ${label} used twice`);
    const elderly = ((await this.page.locator('.kiosk').getAttribute('class')) ?? '').includes('elderly');
    // A visit may take a while (a whole matrix of sizes on a busy machine): the citizen is
    // still there, so the idle warning must not come up in the middle of it. Not on the
    // idle warning itself, whose countdown the visit must leave running.
    const present = modeSwitchable ? await this.citizenPresent() : async () => undefined;
    try {
      await this.visit(label, { label, modeSwitchable, elderly });
    } finally {
      await present();
    }
    this.visited.push(label);
    await waitForScreen(this.page, screen);
  }

  /**
   * Someone stands at the kiosk: a key press (Shift: activity with no other effect) every
   * second, from the page's own timer so that a slow test process cannot miss one.
   * Returns the function that stops it.
   */
  private async citizenPresent(): Promise<() => Promise<void>> {
    const timer = await this.page.evaluate(() => window.setInterval(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' })), 1000));
    return async () => {
      await this.page.evaluate((id) => window.clearInterval(id), timer);
    };
  }

  /**
   * Waits for a condition the way a citizen waits at the kiosk: touching the screen now and
   * then (a Shift key press is activity with no other effect), so the idle warning stays away.
   */
  async waitActive(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`tour: ${what} not seen within ${timeoutMs} ms`);
      await this.page.keyboard.press('Shift');
      await this.page.waitForTimeout(250);
    }
  }

  /** A card over the reader, held a little longer than the journey tests' swipe: a busy machine reads slowly. */
  async swipe(card: string, expectScreen: string | null = 'citizen-home'): Promise<void> {
    await this.rig.t.simulators.idcard!.handleControl({ command: 'swipe', args: { card, holdMs: 1500 } });
    if (expectScreen) await waitForScreen(this.page, expectScreen, 20_000);
    // The card must leave the reader before the next one is swiped.
    await this.page.waitForTimeout(1800);
  }

  async press(testId: string): Promise<void> {
    await press(this.page, testId);
  }

  async finishSession(): Promise<void> {
    await this.stopOrSkipEvaluation(null);
  }

  /** On the evaluation screen: stops there when `label` is given, then skips it; back on attract. */
  async stopOrSkipEvaluation(label: string | null): Promise<void> {
    await waitForScreen(this.page, 'evaluation');
    if (label) await this.stop('evaluation', label);
    await this.press('eval-skip');
    await waitForScreen(this.page, 'attract');
    await expect.poll(async () => (await this.rig.t.kiosk.core.getStatus()).session, { timeout: 10_000 }).toBeNull();
  }
}

/** Attract, a card that cannot be read, help, and the staff PIN pad (no session). */
export const lobby: TourJourney = async (tour) => {
  const { page, rig } = tour;
  await tour.stop('attract', 'attract');
  await rig.t.simulators.idcard!.handleControl({ command: 'fail-reads', args: { count: 3 } });
  await rig.t.simulators.idcard!.handleControl({ command: 'insert', args: { card: 'resident-3' } });
  await expect.poll(() => page.getByTestId('notice').getAttribute('data-code'), { timeout: 10_000 }).toBe('card-read-failed');
  // Taken away before a further read succeeds; the notice stays for its 12 s.
  await rig.t.simulators.idcard!.handleControl({ command: 'remove' });
  await tour.stop('attract', 'attract-card-unreadable');
  // The notice goes by itself after a while: dismissed here only if the visit was quicker.
  if (await page.getByTestId('notice-dismiss').isVisible()) await tour.press('notice-dismiss');
  await tour.press('go-help');
  await tour.stop('help', 'help');
  await tour.press('help-back');
  await page.getByTestId('status-hall').hover();
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
  await tour.stop('maintenance', 'maintenance-pin');
  for (const digit of TOUR_PIN) await tour.press(`pin-${digit}`);
  await tour.press('pin-ok');
  // The PIN's scrypt check is slow by design (N = 2^17), slower still on a busy machine.
  await page.getByTestId('staff-view').waitFor({ timeout: 30_000 });
  await tour.stop('maintenance', 'maintenance-staff');
  await tour.press('maintenance-exit');
  await waitForScreen(page, 'attract');
};

/** 张三 with an appointment: home, 按事项取号, a ticket with the paper out then reprinted, 告知承诺 to the receipt, 我的办件. */
export const ticketAndCommitment: TourJourney = async (tour) => {
  const { page, rig } = tour;
  const printer = rig.t.simulators.printer!.controls;
  await tour.swipe('resident-1');
  await tour.waitActive('the appointment', () => page.getByTestId('appointment-checkin').isVisible(), 10_000);
  await tour.stop('citizen-home', 'citizen-home-appointment');
  await tour.press('go-categories');
  await tour.stop('categories', 'categories');
  await tour.press('nav-home');
  printer.set({ paperOut: true });
  await tour.press('one-click-ticket');
  await waitForScreen(page, 'ticket');
  await tour.waitActive('the virtual ticket', async () => (await page.getByTestId('print-status').getAttribute('data-status')) === 'failed');
  await tour.stop('ticket', 'ticket-paper-out');
  printer.reset();
  await tour.press('reprint');
  await tour.waitActive('the reprint', async () => (await page.getByTestId('print-status').getAttribute('data-status')) === 'printed', 15_000);
  await tour.stop('ticket', 'ticket');
  await tour.press('ticket-more');
  await tour.press('go-matters');
  await tour.press('category-教育');
  await tour.stop('matters', 'matters');
  await tour.press('matter-student-loan-hardship');
  await tour.stop('matter-detail', 'matter-detail');
  await tour.press('matter-start');
  await tour.stop('commitment', 'commitment');
  await holdToConfirm(page, 'pointer');
  await tour.stop('application-form', 'application-form');
  await tour.press('submit-application');
  await waitForScreen(page, 'receipt', 20_000);
  await tour.stop('receipt', 'receipt');
  await tour.press('receipt-more');
  await tour.press('go-status');
  await tour.waitActive('the applications', async () => (await page.getByTestId('status-application').count()) > 0 || (await page.getByTestId('status-none').count()) > 0, 10_000);
  await tour.stop('status', 'status');
  await tour.press('nav-home');
  await tour.press('finish');
  await tour.stopOrSkipEvaluation('evaluation');
};

/** 李梅: 政策找人 offers the newborn 一件事; its detail, the live data checks, one form, the bundle receipt. */
export const bundle: TourJourney = async (tour) => {
  const { page } = tour;
  await tour.swipe('resident-2');
  await tour.waitActive('the entitlement', () => page.getByTestId('entitlement-newborn-bundle').isVisible(), 10_000);
  await tour.stop('citizen-home', 'citizen-home-entitlement');
  await tour.press('entitlement-newborn-bundle');
  await tour.stop('matter-detail', 'matter-detail-bundle');
  await tour.press('matter-start');
  await waitForScreen(page, 'data-check');
  await tour.waitActive('the data checks', async () => (await page.getByTestId('screen-data-check').getAttribute('data-finished')) === 'true');
  await tour.stop('data-check', 'data-check-bundle');
  await tour.press('check-continue');
  await tour.stop('application-form', 'application-form-bundle');
  await tour.press('submit-application');
  await waitForScreen(page, 'receipt', 20_000);
  await tour.stop('receipt', 'receipt-bundle');
  await tour.press('receipt-done');
  await tour.finishSession();
};

/** The central system down: the offline home, the 约 ticket, data checks falling back, the receipt. */
export const centralDown: TourJourney = async (tour) => {
  const { page, rig } = tour;
  const central = rig.t.simulators.central!;
  central.faults.apply({ down: true });
  try {
    await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
    await tour.swipe('resident-4');
    await tour.waitActive('the offline overview', () => page.getByTestId('overview-offline').isVisible(), 15_000);
    await tour.stop('citizen-home', 'citizen-home-offline');
    await tour.press('one-click-ticket');
    await waitForScreen(page, 'ticket', 20_000);
    await tour.stop('ticket', 'ticket-offline');
    await tour.press('ticket-more');
    await tour.press('go-matters');
    await tour.press('category-公安');
    await tour.press('matter-residence-permit');
    await tour.press('matter-start');
    await waitForScreen(page, 'data-check');
    await tour.waitActive('the fallbacks', async () => (await page.getByTestId('screen-data-check').getAttribute('data-finished')) === 'true');
    await tour.stop('data-check', 'data-check-offline');
    await tour.press('check-continue');
    await waitForScreen(page, 'commitment');
    await holdToConfirm(page, 'pointer');
    await waitForScreen(page, 'application-form');
    await tour.press('submit-application');
    await waitForScreen(page, 'receipt', 20_000);
    await tour.stop('receipt', 'receipt-offline');
    await tour.press('receipt-done');
    await tour.finishSession();
  } finally {
    central.faults.apply({}, true);
  }
  await expect.poll(() => page.getByTestId('status-network').getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
};

/** 代办: the agent's proxy screen before the first card and with eight principals, then acting for one. */
export const proxy: TourJourney = async (tour) => {
  const { page } = tour;
  await tour.swipe('resident-7');
  await tour.press('go-proxy');
  await tour.stop('proxy', 'proxy-first-card');
  const cards = ['resident-1', 'resident-2', 'resident-3', 'resident-4', 'resident-5', 'resident-6', 'resident-8', 'elder-1'];
  for (const [i, card] of cards.entries()) {
    await tour.swipe(card, null);
    await tour.waitActive(`principal ${i + 1}`, async () => (await page.getByTestId('principal').count()) === i + 1, 10_000);
  }
  await tour.stop('proxy', 'proxy-eight-principals');
  await tour.press('principal-7');
  await tour.stop('citizen-home', 'citizen-home-acting-for');
  await tour.press('finish');
  await tour.finishSession();
};

/** The idle warning, in standard and then in elderly mode (each waits for the countdown). */
export const idleWarning: TourJourney = async (tour) => {
  const { page } = tour;
  await tour.swipe('resident-6');
  for (const elderly of [false, true]) {
    if (elderly) await tour.press('toggle-elderly');
    await expect.poll(() => page.getByTestId('idle-warning').isVisible(), { timeout: 30_000 }).toBe(true);
    await tour.stop('citizen-home', elderly ? 'idle-warning-elderly' : 'idle-warning', false);
    await tour.press('idle-continue');
    // The warning closes once the core has moved the deadline on (a call away), not on the press itself.
    await expect.poll(() => page.getByTestId('idle-warning').count(), { timeout: 10_000 }).toBe(0);
  }
  await tour.press('finish');
  await tour.finishSession();
};

export const TOUR_JOURNEYS = { lobby, ticketAndCommitment, bundle, centralDown, proxy, idleWarning } as const;
export type TourJourneyName = keyof typeof TOUR_JOURNEYS;

/** Runs the named journeys (all by default) in order, stopping at each screen; returns the labels visited. */
export async function runScreenTour(rig: JourneyRig, visit: ScreenVisit, names: readonly TourJourneyName[] = Object.keys(TOUR_JOURNEYS) as TourJourneyName[]): Promise<string[]> {
  const tour = new Tour(rig, visit);
  for (const name of names) await TOUR_JOURNEYS[name](tour);
  return tour.visited;
}
