/**
 * The focus indicator, measured as a keyboard user meets it (issue #12b, WCAG 1.4.11): after
 * a Tab, focus each stop of the screen as it stands in turn, then the screen's heading, and
 * for each focused element read the ring's tones (outline, ring-shaped box-shadow) and the
 * colours it sits against: the background behind the element (its ancestors' backgrounds
 * flattened over the white canvas) and the element's own fill. Each of those must have a
 * ring tone, at least MIN_TONE_PX wide, reaching MIN_RATIO against it.
 *
 * With a modal dialog open, only the stops inside it count: whatever is behind the overlay
 * is dimmed, and its ancestors' colours no longer say what is seen around it.
 */
import type { Page } from 'playwright-core';
import { composite, contrastRatio, flatten, formatColour, parseColour, type Rgba } from '../../support/contrast.js';
import { ringTones, type RingStyle } from '../../support/focus-ring.js';

/** WCAG 1.4.11 (non-text contrast) for a focus indicator. */
export const MIN_RATIO = 3;
/** Thinner than this, a tone is not a ring a person sees (WCAG 2.4.13 asks a 2 px perimeter). */
export const MIN_TONE_PX = 2;

interface FocusReading {
  target: string;
  focusVisible: boolean;
  ring: RingStyle;
  /** Background colours from the element's parent up to <html>, nearest first. */
  behind: string[];
  /** The first ancestor (or the element) painting a background image: colours cannot be read there. */
  imageAt: string | null;
  fill: string;
}

export interface FocusMeasurement {
  target: string;
  /** The best tone's ratio against the background behind the element, and against its own fill. */
  againstBackground: number;
  againstFill: number;
}

export interface FocusIndicatorReport {
  label: string;
  measured: FocusMeasurement[];
  /** The lowest ratio found on the screen (the figure a report quotes). */
  lowest: number;
}

export class FocusIndicatorError extends Error {
  constructor(
    readonly label: string,
    readonly problems: string[],
  ) {
    super(`${label}: focus indicator below ${MIN_RATIO}:1 or missing on ${problems.length} stop(s):\n  ${problems.join('\n  ')}`);
    this.name = 'FocusIndicatorError';
  }
}

/**
 * In the page: focuses each stop of the sequential focus order in turn (document order:
 * the kiosk uses no positive tabindex, which the walk refuses) and the screen's heading,
 * reads each one, and puts back the focus and the scroll positions it found.
 */
function readFocusStops(headingSelector: string): { readings: FocusReading[]; refused: string | null } {
  const dialog = document.querySelector('[aria-modal="true"]');
  const scope: ParentNode = dialog ?? document;
  const before = document.activeElement;
  const scrolled = [...document.querySelectorAll('*')].filter((el) => el.scrollTop > 0).map((el) => ({ el, top: el.scrollTop }));
  const positive = document.querySelector('[tabindex]:not([tabindex="-1"]):not([tabindex="0"])');
  if (positive) return { readings: [], refused: `a positive tabindex reorders the Tab order: ${positive.outerHTML.slice(0, 80)}` };
  const stops = [...scope.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.checkVisibility(),
  );
  // The screen's heading takes focus on each screen change, though it is no Tab stop (not behind a dialog).
  const heading = dialog ? null : document.querySelector<HTMLElement>(headingSelector);
  const readings: FocusReading[] = [];
  for (const el of heading ? [...stops, heading] : stops) {
    el.focus({ preventScroll: true });
    if (document.activeElement !== el) continue;
    const style = getComputedStyle(el);
    const behind: string[] = [];
    let imageAt: string | null = style.backgroundImage !== 'none' ? 'the element itself' : null;
    for (let node = el.parentElement; node; node = node.parentElement) {
      const s = getComputedStyle(node);
      behind.push(s.backgroundColor);
      if (!imageAt && s.backgroundImage !== 'none') imageAt = `${node.tagName.toLowerCase()}.${node.className}`;
    }
    readings.push({
      target: `${el.tagName.toLowerCase()}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`,
      focusVisible: el.matches(':focus-visible'),
      ring: {
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
        outlineOffset: style.outlineOffset,
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
      },
      behind,
      imageAt,
      fill: style.backgroundColor,
    });
  }
  if (before instanceof HTMLElement && before !== document.body) before.focus({ preventScroll: true });
  else (document.activeElement as HTMLElement | null)?.blur();
  for (const { el, top } of scrolled) el.scrollTop = top;
  return { readings, refused: null };
}

function bestRatio(tones: { colour: Rgba }[], surface: Rgba): number {
  return Math.max(0, ...tones.map((tone) => contrastRatio(composite(tone.colour, surface), surface)));
}

/** Judges one reading; returns the measurement and what is wrong with it, if anything. */
function judge(reading: FocusReading): { measurement: FocusMeasurement; problem: string | null } {
  const behind = flatten(reading.behind.map(parseColour));
  const fill = composite(parseColour(reading.fill), behind);
  const tones = ringTones(reading.ring).filter((tone) => tone.visiblePx >= MIN_TONE_PX);
  const measurement = { target: reading.target, againstBackground: bestRatio(tones, behind), againstFill: bestRatio(tones, fill) };
  const tonesText = tones.map((t) => `${t.source} ${formatColour(t.colour)} ${t.visiblePx}px`).join(' + ') || 'no ring';
  let problem: string | null = null;
  if (!reading.focusVisible) problem = 'focused but :focus-visible does not match (no ring drawn)';
  else if (reading.imageAt) problem = `a background image at ${reading.imageAt}: its colours cannot be read; extend this check`;
  else if (measurement.againstBackground < MIN_RATIO) problem = `${measurement.againstBackground.toFixed(2)}:1 against the background ${formatColour(behind)} (${tonesText})`;
  else if (measurement.againstFill < MIN_RATIO) problem = `${measurement.againstFill.toFixed(2)}:1 against its own fill ${formatColour(fill)} (${tonesText})`;
  return { measurement, problem: problem && `${reading.target}: ${problem}` };
}

/**
 * Measures the ring of every focus stop of the screen as it stands, and of its heading;
 * throws a FocusIndicatorError naming every one below MIN_RATIO. One Tab first, so focus
 * is shown as for a keyboard user (Chromium then keeps :focus-visible for focus moved by
 * script). Leaves focus and scrolling as it found them. Pass the heading's selector if it
 * is not the first h2 of the screen's <main>.
 */
export async function checkFocusIndicators(page: Page, label: string, headingSelector = 'main.screen h2'): Promise<FocusIndicatorReport> {
  const before = await page.evaluateHandle(() => document.activeElement);
  await page.keyboard.press('Tab');
  await before.evaluate((el) => (el instanceof HTMLElement && el !== document.body ? el.focus({ preventScroll: true }) : (document.activeElement as HTMLElement | null)?.blur()));
  await before.dispose();
  const { readings, refused } = await page.evaluate(readFocusStops, headingSelector);
  if (refused) throw new FocusIndicatorError(label, [refused]);
  if (readings.length === 0) throw new FocusIndicatorError(label, ['no focusable element on the screen']);
  const judged = readings.map(judge);
  const problems = judged.flatMap((j) => (j.problem ? [j.problem] : []));
  if (problems.length) throw new FocusIndicatorError(label, problems);
  const measured = judged.map((j) => j.measurement);
  return { label, measured, lowest: Math.min(...measured.flatMap((m) => [m.againstBackground, m.againstFill])) };
}
