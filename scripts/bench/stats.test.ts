import { describe, expect, it } from 'vitest';
import { median, percentile } from './stats.js';

describe('bench statistics', () => {
  it('percentile is nearest-rank on a sorted copy, leaving the input as it was', () => {
    const values = [9, 1, 5, 3, 7];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(9);
    expect(percentile(values, 0)).toBe(1);
    expect(values).toEqual([9, 1, 5, 3, 7]);
    expect(percentile([], 50)).toBeNaN();
  });

  it('median averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });
});
