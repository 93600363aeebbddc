import { describe, expect, it } from 'vitest';
import { guidanceFor } from './guidance.js';

const frame = { width: 640, height: 480 };
const centred = { x: 220, y: 140, width: 200, height: 200 };

describe('face guidance', () => {
  it('asks for one face, centred, close enough, and still', () => {
    expect(guidanceFor([], frame, null)).toBe('no-face');
    expect(guidanceFor([centred, { ...centred, x: 10 }], frame, null)).toBe('several-faces');
    expect(guidanceFor([{ x: 300, y: 220, width: 60, height: 60 }], frame, null)).toBe('too-far');
    expect(guidanceFor([{ x: 0, y: 0, width: 600, height: 470 }], frame, null)).toBe('too-close');
    expect(guidanceFor([{ ...centred, x: 10 }], frame, null)).toBe('off-centre');
    expect(guidanceFor([centred], frame, null)).toBe('moving');
    expect(guidanceFor([centred], frame, { ...centred, x: centred.x + 80 })).toBe('moving');
    expect(guidanceFor([centred], frame, { ...centred, x: centred.x + 5 })).toBe('ok');
  });
});
