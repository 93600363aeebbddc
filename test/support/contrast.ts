/**
 * WCAG 2.x colour contrast, for tests that read colours from Chromium's computed styles:
 * parse `rgb()`/`rgba()`/hex, composite translucent layers, relative luminance, ratio.
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0 (transparent) … 1 (opaque). */
  a: number;
}

export class ColourParseError extends Error {
  constructor(readonly text: string) {
    super(`not a colour this check reads: "${text}" (expected rgb(), rgba() or #rrggbb, as Chromium computes them)`);
    this.name = 'ColourParseError';
  }
}

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

const RGB = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$/;
const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})?$/i;

/** A colour as getComputedStyle gives it (`rgb(11, 92, 173)`, `rgba(0, 0, 0, 0)`), or a #rrggbb literal. */
export function parseColour(text: string): Rgba {
  const trimmed = text.trim();
  if (trimmed === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const rgb = RGB.exec(trimmed);
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? Number(rgb[4].slice(0, -1)) / 100 : Number(rgb[4]);
    return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: alpha };
  }
  const hex = HEX.exec(trimmed);
  if (hex) {
    const [r, g, b] = [hex[1]!, hex[2]!, hex[3]!].map((h) => parseInt(h, 16)) as [number, number, number];
    return { r, g, b, a: hex[4] === undefined ? 1 : parseInt(hex[4], 16) / 255 };
  }
  throw new ColourParseError(text);
}

/** `top` painted over an opaque `bottom` (source-over). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a;
  return {
    r: top.r * a + bottom.r * (1 - a),
    g: top.g * a + bottom.g * (1 - a),
    b: top.b * a + bottom.b * (1 - a),
    a: 1,
  };
}

/** Layers from the topmost down to the page canvas (white): the colour a person sees. */
export function flatten(layers: readonly Rgba[], canvas: Rgba = WHITE): Rgba {
  return layers.reduceRight<Rgba>((below, layer) => composite(layer, below), canvas);
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance({ r, g, b }: Rgba): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of two opaque colours, 1 … 21. */
export function contrastRatio(x: Rgba, y: Rgba): number {
  const [light, dark] = [relativeLuminance(x), relativeLuminance(y)].sort((p, q) => q - p) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export function formatColour({ r, g, b }: Rgba): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}
