/**
 * What a focus ring is made of, from an element's computed styles: the outline and any
 * ring-shaped box-shadow (no offset, no blur, a spread), each with the width of it a person
 * can see once the layers above it are painted (the outline over the shadows, an earlier
 * shadow over a later one). Used by test/e2e/support/focus-indicators.ts.
 */
import { parseColour, type Rgba } from './contrast.js';

/** The computed properties a focus ring is drawn from (getComputedStyle of the focused element). */
export interface RingStyle {
  outlineStyle: string;
  outlineWidth: string;
  outlineOffset: string;
  outlineColor: string;
  boxShadow: string;
}

export interface RingTone {
  source: 'outline' | 'box-shadow';
  colour: Rgba;
  /** CSS pixels of this tone left visible around the element. */
  visiblePx: number;
}

export interface BoxShadow {
  colour: Rgba;
  x: number;
  y: number;
  blur: number;
  spread: number;
  inset: boolean;
}

/** Chromium's computed `box-shadow`: `none`, or `rgb(…) 0px 0px 0px 8px[ inset], …`. */
export function parseBoxShadows(text: string): BoxShadow[] {
  if (text.trim() === 'none') return [];
  return splitTopLevel(text).map((layer) => {
    const colourText = /rgba?\([^)]*\)|#[0-9a-f]{3,8}\b/i.exec(layer)?.[0];
    if (!colourText) throw new Error(`box-shadow layer without a colour this check reads: "${layer}"`);
    const rest = layer.replace(colourText, ' ');
    const lengths = [...rest.matchAll(/(-?[\d.]+)px/g)].map((m) => Number(m[1]));
    const [x = 0, y = 0, blur = 0, spread = 0] = lengths;
    return { colour: parseColour(colourText), x, y, blur, spread, inset: /\binset\b/.test(rest) };
  });
}

/** The ring's tones, topmost first, with what of each stays visible. */
export function ringTones(style: RingStyle): RingTone[] {
  type Band = { source: RingTone['source']; colour: Rgba; from: number; to: number };
  const bands: Band[] = [];
  const outlineWidth = px(style.outlineWidth);
  if (style.outlineStyle !== 'none' && style.outlineStyle !== 'hidden' && outlineWidth > 0) {
    const offset = px(style.outlineOffset);
    bands.push({ source: 'outline', colour: parseColour(style.outlineColor), from: offset, to: offset + outlineWidth });
  }
  for (const shadow of parseBoxShadows(style.boxShadow)) {
    // Only a crisp, centred, outward shadow draws a ring; a drop shadow is decoration.
    if (shadow.inset || shadow.x !== 0 || shadow.y !== 0 || shadow.blur !== 0 || shadow.spread <= 0) continue;
    bands.push({ source: 'box-shadow', colour: shadow.colour, from: 0, to: shadow.spread });
  }
  return bands.map((band, i) => ({
    source: band.source,
    colour: band.colour,
    visiblePx: band.to - band.from - covered(band, bands.slice(0, i)),
  }));
}

/** How much of [from, to] the bands painted above it hide. */
function covered(band: { from: number; to: number }, above: { from: number; to: number }[]): number {
  const parts = above
    .map((a) => ({ from: Math.max(a.from, band.from), to: Math.min(a.to, band.to) }))
    .filter((p) => p.to > p.from)
    .sort((p, q) => p.from - q.from);
  let total = 0;
  let reach = -Infinity;
  for (const p of parts) {
    const from = Math.max(p.from, reach);
    if (p.to > from) total += p.to - from;
    reach = Math.max(reach, p.to);
  }
  return total;
}

function px(text: string): number {
  const match = /^(-?[\d.]+)px$/.exec(text.trim());
  if (!match) throw new Error(`not a pixel length: "${text}"`);
  return Number(match[1]);
}

/** Splits on the commas between shadow layers, not those inside rgb(…). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}
