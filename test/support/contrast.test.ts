import { describe, expect, it } from 'vitest';
import { ColourParseError, composite, contrastRatio, flatten, parseColour, WHITE } from './contrast.js';

const ratio = (a: string, b: string) => contrastRatio(parseColour(a), parseColour(b));

describe('WCAG contrast ratio', () => {
  it('matches published pairs', () => {
    // WCAG's extremes, and WebAIM's contrast checker for the greys around AA's 4.5:1.
    expect(ratio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(ratio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(ratio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(ratio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    // Symmetric: which colour is the foreground does not matter.
    expect(ratio('#ffffff', '#777777')).toBeCloseTo(ratio('#777777', '#ffffff'), 10);
  });

  it('reproduces the issue #12 audit of the old orange focus ring', () => {
    // Measured independently (axe-core in the real page): 3.5:1 on the top bar, 1.76:1 on the page, 1.9:1 on white.
    expect(ratio('#f6ad55', '#0b5cad')).toBeCloseTo(3.5, 1);
    expect(ratio('#f6ad55', '#f3f6fa')).toBeCloseTo(1.76, 2);
    expect(ratio('#f6ad55', '#ffffff')).toBeCloseTo(1.9, 1);
  });
});

describe('colours as Chromium computes them', () => {
  it('parses rgb(), rgba(), the space syntax and hex', () => {
    expect(parseColour('rgb(11, 92, 173)')).toEqual({ r: 11, g: 92, b: 173, a: 1 });
    expect(parseColour('rgba(10, 20, 35, 0.55)')).toEqual({ r: 10, g: 20, b: 35, a: 0.55 });
    expect(parseColour('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColour('rgb(0 0 0 / 50%)')).toEqual({ r: 0, g: 0, b: 0, a: 0.5 });
    expect(parseColour('#0b5cad')).toEqual({ r: 11, g: 92, b: 173, a: 1 });
  });

  it('refuses what it cannot read, naming it', () => {
    expect(() => parseColour('oklch(0.5 0.1 240)')).toThrow(ColourParseError);
    expect(() => parseColour('oklch(0.5 0.1 240)')).toThrow(/oklch\(0\.5 0\.1 240\)/);
  });

  it('composites translucent layers down to the canvas', () => {
    // Half black over white is mid grey: 127.5 in each channel.
    expect(composite({ r: 0, g: 0, b: 0, a: 0.5 }, WHITE)).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
    // A transparent layer shows what is below it; the topmost layer comes first.
    expect(flatten([{ r: 0, g: 0, b: 0, a: 0 }, parseColour('#0b5cad')])).toEqual({ r: 11, g: 92, b: 173, a: 1 });
    expect(flatten([])).toEqual(WHITE);
  });
});
