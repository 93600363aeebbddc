/**
 * When an element was first painted, on the page's clock: armed before the event that
 * brings the element, so nothing is missed. A MutationObserver sees the element in the
 * microtask after React commits it; the frame that shows it is painted after the next
 * requestAnimationFrame callback, and a task queued from that callback runs once the frame
 * is out. (A requestAnimationFrame loop alone would add up to a frame of polling.)
 * The script is a string: tsx's helpers do not exist in the page.
 */
import type { Page } from 'playwright-core';

const PROBE = '__benchPaintProbe';

export async function armPaintProbe(page: Page, selector: string): Promise<void> {
  await page.evaluate(`(() => {
    const selector = ${JSON.stringify(selector)};
    window.${PROBE} = new Promise((resolve, reject) => {
      const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now()), 0));
      if (document.querySelector(selector)) return reject(new Error('paint probe: ' + selector + ' is on screen already'));
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        observer.disconnect();
        painted();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  })()`);
}

/** Arm first, on a screen without the element. The page-clock time (timeOrigin + now, ms) the armed element was painted. */
export async function paintedAt(page: Page, timeoutMs = 10_000): Promise<number> {
  return page.evaluate<number>(`Promise.race([
    window.${PROBE},
    new Promise((_, reject) => setTimeout(() => reject(new Error('paint probe: the element did not appear within ${timeoutMs} ms')), ${timeoutMs})),
  ])`);
}
