/**
 * What a person standing at the kiosk can reach without scrolling the page: every button,
 * link and `[role=button]`, the screen's heading and its notices must lie inside the
 * viewport and inside every box that clips them, or inside a scroll region whose cue says
 * there is more that way; touch targets must be at least 64 × 64 CSS pixels.
 * The measuring runs in the page (one evaluate per screen); it returns one line per misfit.
 */
import type { Page } from 'playwright-core';

/** The smallest touch target, in CSS pixels (the journeys' own check uses the same). */
export const MIN_TARGET_PX = 64;

export const ACTIONABLE = 'button, a[href], [role=button]';
/** Text the citizen must read: the heading, notices, warnings, the idle countdown, the scroll cue itself. */
export const READABLE = [
  'main h2',
  '[role=alertdialog] h2',
  '[data-testid=idle-remaining]',
  '.notice',
  '.warning',
  '.print-ok',
  '[data-testid=overview-offline]',
  '[data-testid=status-offline]',
  '[data-testid=how-to-learn]',
  '.scroll-cue-text',
].join(', ');

/** The misfits on the page as it is now (empty when everything fits). */
export function findMisfits(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ actionable, readable, minPx }) => {
      type Box = { top: number; left: number; bottom: number; right: number };
      const problems: string[] = [];
      const round = (b: Box) => `[${Math.round(b.left)},${Math.round(b.top)} – ${Math.round(b.right)},${Math.round(b.bottom)}]`;
      const nameOf = (el: Element) => {
        const id = el.getAttribute('data-testid');
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
        return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''} "${text}"`;
      };
      const doc = document.scrollingElement ?? document.documentElement;
      if (doc.scrollHeight > innerHeight + 1 || doc.scrollWidth > innerWidth + 1) {
        problems.push(`the page itself scrolls: ${doc.scrollWidth}×${doc.scrollHeight} in ${innerWidth}×${innerHeight}`);
      }
      // Behind a modal dialog nothing else can be reached: only the dialog counts.
      const scope: ParentNode = document.querySelector('[aria-modal=true]') ?? document;
      const check = (el: Element, target: boolean) => {
        const style = getComputedStyle(el);
        const own = el.getBoundingClientRect();
        if (style.visibility === 'hidden' || (own.width === 0 && own.height === 0)) return;
        const name = nameOf(el);
        if (target && (own.height < minPx - 0.5 || own.width < minPx - 0.5)) problems.push(`${name} is ${Math.round(own.width)}×${Math.round(own.height)} px`);
        let rect: Box = { top: own.top, left: own.left, bottom: own.bottom, right: own.right };
        let bounds: Box = { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
        for (let a = el.parentElement; a; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
          const box = a.getBoundingClientRect();
          const region = a.matches('.scroll-body') ? a.closest('.scroll-region') : null;
          if (region) {
            // Out of the region's view is fine in the direction its cue points to.
            const below = rect.bottom > box.bottom + 1;
            const above = rect.top < box.top - 1;
            if (below && region.getAttribute('data-more-below') !== 'true') problems.push(`${name} is below the fold of a scroll region that shows no cue`);
            if (above && region.getAttribute('data-more-above') !== 'true') problems.push(`${name} is above the view of a scroll region that shows no cue`);
            if (rect.left < box.left - 1 || rect.right > box.right + 1) problems.push(`${name} ${round(rect)} sticks out sideways of its scroll region ${round(box)}`);
            // From here on the region stands for it: the region must be in view.
            rect = { top: Math.max(rect.top, box.top), bottom: Math.min(rect.bottom, box.bottom), left: box.left, right: box.right };
            if (rect.bottom < rect.top) rect = { top: box.top, bottom: box.top, left: box.left, right: box.right };
            continue;
          }
          bounds = { top: Math.max(bounds.top, box.top), left: Math.max(bounds.left, box.left), bottom: Math.min(bounds.bottom, box.bottom), right: Math.min(bounds.right, box.right) };
        }
        const out = rect.top < bounds.top - 1 || rect.left < bounds.left - 1 || rect.bottom > bounds.bottom + 1 || rect.right > bounds.right + 1;
        if (out) problems.push(`${name} ${round(rect)} is not fully in view ${round(bounds)}`);
      };
      // The cue shows exactly while the region's content runs on below what it shows.
      for (const region of scope.querySelectorAll('.scroll-region')) {
        const body = region.querySelector('.scroll-body');
        if (!body) continue;
        const overflows = body.scrollTop + body.clientHeight < body.scrollHeight - 1;
        const cue = region.querySelector('.scroll-cue') !== null;
        if (overflows && !cue) problems.push(`a scroll region overflows (${body.scrollHeight} in ${body.clientHeight} px) with no cue`);
        if (!overflows && cue) problems.push('a scroll region shows its cue with nothing more below');
      }
      for (const el of scope.querySelectorAll(actionable)) check(el, true);
      for (const el of scope.querySelectorAll(readable)) check(el, false);
      return problems;
    },
    { actionable: ACTIONABLE, readable: READABLE, minPx: MIN_TARGET_PX },
  );
}

/**
 * The misfits once the layout has settled after a resize or a switch of language or mode
 * (a scroll region shows its cue a frame after it starts to overflow): asks again for a
 * short while and gives the last answer.
 */
export async function settledMisfits(page: Page, tries = 8): Promise<string[]> {
  let misfits: string[] = [];
  for (let i = 0; i < tries; i++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    misfits = await findMisfits(page);
    if (misfits.length === 0) return misfits;
    await page.waitForTimeout(60);
  }
  return misfits;
}
