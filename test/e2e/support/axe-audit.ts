/**
 * axe-core in the real kiosk page (issue #12b): the screen as it stands, audited against
 * WCAG 2.0/2.1 A and AA, with the kiosk's documented exceptions and nothing else.
 *
 * The page's Content Security Policy (electron/common/csp.ts: `script-src 'self'`) refuses
 * an injected <script> tag, so page.addScriptTag cannot load axe; page.evaluate goes through
 * the DevTools protocol, which the CSP does not govern, so axe's source is evaluated there.
 *
 * Both checks of a screen are exported from here so a screen tour can run them together.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';

export { checkFocusIndicators, FocusIndicatorError, type FocusIndicatorReport } from './focus-indicators.js';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;
/**
 * Rules outside those tags that run as well: axe files `aria-allowed-role` under best
 * practice, but the issue #12 audit found it (`<footer role="status">`) and it stays fixed.
 */
export const AXE_EXTRA_RULES = ['aria-allowed-role'] as const;

/** The rules the kiosk does not meet on purpose, each with why. Nothing else is let through. */
export const KIOSK_AXE_EXCEPTIONS: readonly { rule: string; reason: string }[] = [
  {
    rule: 'meta-viewport',
    reason:
      'user-scalable=no: a locked public kiosk must not be pinch-zoomed into a state the next citizen cannot leave (no browser UI to reset it); ' +
      'large text comes from elderly mode (老年模式, one touch on every screen, and automatic for a holder of 70+), which enlarges every screen in its own layout',
  },
];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  rule: string;
  impact: ImpactValue | null;
  help: string;
  targets: string[];
}

export class AxeViolationsError extends Error {
  constructor(
    readonly label: string,
    readonly violations: AxeViolation[],
  ) {
    const lines = violations.map((v) => `${v.rule} (${v.impact ?? 'no impact'}): ${v.help}\n      ${v.targets.join('\n      ')}`);
    super(`${label}: ${violations.length} axe-core violation(s) of ${[...AXE_TAGS, ...AXE_EXTRA_RULES].join('/')}:\n  ${lines.join('\n  ')}`);
    this.name = 'AxeViolationsError';
  }
}

/** Every violation axe finds on the page as it stands, the excepted ones included. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ tags, extraRules }) => {
      const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } };
      const rules = Object.fromEntries(extraRules.map((rule) => [rule, { enabled: true }]));
      const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] });
      return results.violations.map((v) => ({ rule: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
    },
    { tags: [...AXE_TAGS], extraRules: [...AXE_EXTRA_RULES] },
  );
}

/** Runs axe on the screen; throws an AxeViolationsError listing every violation but the kiosk's exceptions. */
export async function auditScreen(page: Page, label: string): Promise<void> {
  const excepted = new Set(KIOSK_AXE_EXCEPTIONS.map((e) => e.rule));
  const unexpected = (await runAxe(page)).filter((v) => !excepted.has(v.rule));
  if (unexpected.length) throw new AxeViolationsError(label, unexpected);
}
