import { describe, expect, it } from 'vitest';
import { parseBoxShadows, ringTones, type RingStyle } from './focus-ring.js';

const NO_OUTLINE = { outlineStyle: 'none', outlineWidth: '0px', outlineOffset: '0px', outlineColor: 'rgb(0, 0, 0)' };

describe('box-shadow as Chromium computes it', () => {
  it('reads each layer, commas inside rgb() included', () => {
    expect(parseBoxShadows('none')).toEqual([]);
    expect(parseBoxShadows('rgb(255, 255, 255) 0px 0px 0px 8px, rgba(8, 63, 120, 0.5) 0px 4px 2px 0px inset')).toEqual([
      { colour: { r: 255, g: 255, b: 255, a: 1 }, x: 0, y: 0, blur: 0, spread: 8, inset: false },
      { colour: { r: 8, g: 63, b: 120, a: 0.5 }, x: 0, y: 4, blur: 2, spread: 0, inset: true },
    ]);
  });
});

describe('the tones of a focus ring', () => {
  it('an outline over a wider halo: the halo shows inside and outside the outline', () => {
    const style: RingStyle = { outlineStyle: 'solid', outlineWidth: '3px', outlineOffset: '2px', outlineColor: 'rgb(16, 20, 27)', boxShadow: 'rgb(255, 255, 255) 0px 0px 0px 8px' };
    // Outline: 2…5 px out; halo 0…8 px, of which 0…2 and 5…8 stay visible.
    expect(ringTones(style)).toEqual([
      { source: 'outline', colour: { r: 16, g: 20, b: 27, a: 1 }, visiblePx: 3 },
      { source: 'box-shadow', colour: { r: 255, g: 255, b: 255, a: 1 }, visiblePx: 5 },
    ]);
  });

  it('a halo the outline covers entirely counts for nothing', () => {
    const style: RingStyle = { outlineStyle: 'solid', outlineWidth: '5px', outlineOffset: '0px', outlineColor: 'rgb(0, 0, 0)', boxShadow: 'rgb(255, 255, 255) 0px 0px 0px 4px' };
    expect(ringTones(style).map((t) => t.visiblePx)).toEqual([5, 0]);
  });

  it('a drop shadow or an inset shadow is not a ring; no outline, no tone', () => {
    expect(ringTones({ ...NO_OUTLINE, boxShadow: 'rgb(8, 63, 120) 0px 4px 0px 0px' })).toEqual([]);
    expect(ringTones({ ...NO_OUTLINE, boxShadow: 'rgb(8, 63, 120) 0px 0px 0px 4px inset' })).toEqual([]);
    expect(ringTones({ ...NO_OUTLINE, outlineWidth: '5px', boxShadow: 'none' })).toEqual([]);
  });

  it('of two stacked halos, the lower one shows only beyond the upper', () => {
    const style: RingStyle = { ...NO_OUTLINE, boxShadow: 'rgb(0, 0, 0) 0px 0px 0px 3px, rgb(255, 255, 255) 0px 0px 0px 7px' };
    expect(ringTones(style).map((t) => t.visiblePx)).toEqual([3, 4]);
  });
});
