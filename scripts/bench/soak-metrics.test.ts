import { describe, expect, it } from 'vitest';
import { soakVerdict, type SoakSample } from './soak-metrics.js';

const sample = (sessions: number, over: Partial<SoakSample> = {}): SoakSample => ({
  sessions, pageHeapMb: 10, pageNodes: 400, pageListeners: 60, coreHeapMb: 50, coreHandles: 20, bridgeConnections: 1, ...over,
});
const byMeasure = (rows: ReturnType<typeof soakVerdict>) => Object.fromEntries(rows.map((r) => [r.measure.split(' ').slice(0, 3).join(' '), r]));

describe('the verdict of a page soak', () => {
  it('passes a page that comes back to where it started', () => {
    const rows = soakVerdict([sample(0), sample(1000, { pageHeapMb: 13, pageNodes: 900 }), sample(2000, { pageHeapMb: 14.9 })], { pageHeapGrowthMb: 5 });
    expect(rows.every((r) => r.met)).toBe(true);
    const heap = byMeasure(rows)['page JS heap']!;
    expect(heap.growth).toBeCloseTo(4.9, 9);
    expect(heap.peak).toBe(14.9);
    expect(byMeasure(rows)['page DOM nodes']!.peak).toBe(900);
  });

  it('fails heap growth of 5 MB or more, and any node, listener, connection or handle left over', () => {
    const rows = soakVerdict([sample(0), sample(2000, { pageHeapMb: 15, pageNodes: 401, pageListeners: 61, bridgeConnections: 2, coreHandles: 21 })], { pageHeapGrowthMb: 5 });
    const failed = rows.filter((r) => !r.met).map((r) => r.measure);
    expect(failed).toEqual(['page JS heap after GC (MB)', 'page DOM nodes at the attract screen', 'page event listeners at the attract screen', 'bridge connections', 'core active handles']);
  });

  it('needs a start and an end', () => {
    expect(() => soakVerdict([sample(0)], { pageHeapGrowthMb: 5 })).toThrow(/at least two samples/);
  });
});
