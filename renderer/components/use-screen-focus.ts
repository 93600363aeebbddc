import { useEffect, type RefObject } from 'react';

/** The heading that names a screen: the first h2 of its <main> (the top bar's h1 is the app's title). */
export const SCREEN_HEADING = 'main.screen h2';

/**
 * Moves focus to the new screen's heading on every screen change, so a keypad or screen
 * reader user starts on the screen they arrived at, not at the top bar or on <body>.
 * One mechanism for every screen: the router calls it with the current screen's name.
 *
 * - A screen that renders nothing until its data arrives (the identified home before the
 *   citizen is known) gets its heading focused as soon as the heading appears.
 * - While a dialog is open it owns focus (the idle warning focuses 继续办理 itself); when it
 *   closes, focus returns to the heading instead of falling to <body>.
 * - The voice prompt is untouched: it follows the store's screen, not the focus.
 */
export function useScreenFocus(root: RefObject<HTMLElement | null>, screen: string, dialogOpen: boolean): void {
  useEffect(() => {
    const container = root.current;
    if (!container || dialogOpen) return;
    if (focusHeading(container)) return;
    const observer = new MutationObserver(() => {
      if (focusHeading(container)) observer.disconnect();
    });
    observer.observe(container, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [root, screen, dialogOpen]);
}

function focusHeading(container: HTMLElement): boolean {
  const heading = container.querySelector<HTMLElement>(SCREEN_HEADING);
  if (!heading) return false;
  // Focusable by script only: a heading is not a Tab stop.
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
  return true;
}
