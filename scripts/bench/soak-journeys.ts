/**
 * The citizens of a page soak: each session starts with a card put on the ID-card
 * simulator's reader (a real PTY, through the simulators' control protocol, as the e2e
 * journey helpers do), goes through the real page in Chromium by its buttons, and ends on
 * the attract screen. The mix is fixed by the session's number, so two runs do the same.
 */
import type { Page } from 'playwright-core';
import type { RunningIdCardSimulator } from '../sim/idcard/index.js';
import { until } from '../../test/support/until.js';

export type Journey = 'ticket' | 'browse-matter' | 'data-check-application' | 'walk-away';

const WAIT = { timeout: 20_000 };
/** Residents with the central records the journeys need (insured; test/e2e/journey-helpers.ts). */
const CARDS = ['resident-3', 'resident-4', 'resident-5', 'resident-6', 'resident-7', 'resident-8'];

/**
 * Half take a ticket, a quarter look at a matter and leave, a quarter apply for one with a
 * live data check; every `walkAwayEvery`-th citizen walks away and the idle timeout ends the session.
 */
export function journeyOf(i: number, walkAwayEvery: number): Journey {
  if (walkAwayEvery > 0 && i % walkAwayEvery === walkAwayEvery - 1) return 'walk-away';
  return (['ticket', 'browse-matter', 'ticket', 'data-check-application'] as const)[i % 4]!;
}

const screen = (page: Page, name: string) => page.locator(`.kiosk[data-screen="${name}"]`).waitFor(WAIT);
const press = (page: Page, testId: string) => page.getByTestId(testId).click(WAIT);

/** Put the card down, wait for the citizen's home, take the card away again (it is a swipe). */
async function swipe(page: Page, sim: RunningIdCardSimulator, card: string): Promise<void> {
  await sim.handleControl({ command: 'insert', args: { card } });
  await screen(page, 'citizen-home');
  const removedAt = performance.now();
  await sim.handleControl({ command: 'remove' });
  // The next card must be a new presentation: the driver has to see this one gone.
  await until(() => sim.sim.log.some((r) => r.command === 'findCard' && r.requestAt > removedAt), 'a poll after the card left', { timeoutMs: 10_000, everyMs: 5 });
}

/** 好差评 (rated by some, skipped by others), then the attract screen. */
async function evaluate(page: Page, i: number): Promise<void> {
  await screen(page, 'evaluation');
  await press(page, i % 3 === 0 ? 'eval-skip' : `rate-${5 - (i % 2)}`);
  await screen(page, 'attract');
}

export async function runJourney(page: Page, sim: RunningIdCardSimulator, i: number, journey: Journey): Promise<void> {
  await swipe(page, sim, CARDS[i % CARDS.length]!);
  switch (journey) {
    case 'ticket':
      await press(page, 'one-click-ticket');
      await screen(page, 'ticket');
      await press(page, 'ticket-done');
      return evaluate(page, i);
    case 'browse-matter':
      await press(page, 'go-matters');
      await press(page, 'category-社保');
      await press(page, 'matter-social-insurance-proof');
      await screen(page, 'matter-detail');
      await press(page, 'nav-home');
      await press(page, 'finish');
      return evaluate(page, i);
    case 'data-check-application':
      await press(page, 'go-matters');
      await press(page, 'category-社保');
      await press(page, 'matter-social-insurance-proof');
      await press(page, 'matter-start');
      await page.locator('[data-testid="screen-data-check"][data-finished="true"]').waitFor(WAIT);
      await press(page, 'check-continue');
      await press(page, 'submit-application');
      await screen(page, 'receipt');
      await press(page, 'receipt-done');
      return evaluate(page, i);
    case 'walk-away':
      // Nobody touches the page: the core's idle deadline ends the session (warning first).
      await page.locator('.kiosk[data-screen="attract"]').waitFor({ timeout: 600_000 });
      return;
  }
}
