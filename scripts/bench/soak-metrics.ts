/**
 * What a day-long page soak samples, and what it concludes. The page's figures come from
 * Chromium over CDP after a forced GC (HeapProfiler.collectGarbage, then
 * Performance.getMetrics: JSHeapUsedSize, Nodes, JSEventListeners); the core's from this
 * process after two forced GCs (--expose-gc), its active handles, and the bridge's pages.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CDPSession } from 'playwright-core';

export interface SoakSample {
  sessions: number;
  /** MB, after GC. */
  pageHeapMb: number;
  /** DOM nodes alive in the page (attached or detached but still referenced). */
  pageNodes: number;
  pageListeners: number;
  /** MB, after GC. */
  coreHeapMb: number;
  /** The core's active resources at rest (process.getActiveResourcesInfo), and by type. */
  coreHandles: number;
  coreResources?: Record<string, number>;
  bridgeConnections: number;
}

export interface SoakGoals {
  pageHeapGrowthMb: number;
}

export interface SoakVerdictRow {
  measure: string;
  start: number;
  end: number;
  growth: number;
  /** The largest value between start and end: a leak that a late GC hid still shows here. */
  peak: number;
  goal: string;
  met: boolean;
}

const MB = 2 ** 20;

export async function pageMetrics(cdp: CDPSession): Promise<Pick<SoakSample, 'pageHeapMb' | 'pageNodes' | 'pageListeners'>> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => {
    const m = metrics.find((x) => x.name === name);
    if (!m) throw new Error(`Chromium reported no ${name} metric (Performance.enable first)`);
    return m.value;
  };
  return { pageHeapMb: metric('JSHeapUsedSize') / MB, pageNodes: metric('Nodes'), pageListeners: metric('JSEventListeners') };
}

let gc: (() => void) | undefined;
export function coreHeapMb(): number {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
  return process.memoryUsage().heapUsed / MB;
}

/**
 * Start, end, growth and peak of each sampled figure, against the goals: page heap growth
 * under `pageHeapGrowthMb`; DOM nodes, listeners and bridge connections back at their
 * starting counts at the end; the core's handles no more than at the start.
 */
export function soakVerdict(samples: readonly SoakSample[], goals: SoakGoals): SoakVerdictRow[] {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || samples.length < 2) throw new Error(`a soak verdict needs at least two samples, got ${samples.length}`);
  const row = (measure: string, pick: (s: SoakSample) => number, goal: string, met: (start: number, end: number) => boolean): SoakVerdictRow => {
    const [start, end] = [pick(first), pick(last)];
    return { measure, start, end, growth: end - start, peak: Math.max(...samples.map(pick)), goal, met: met(start, end) };
  };
  return [
    row('page JS heap after GC (MB)', (s) => s.pageHeapMb, `growth < ${goals.pageHeapGrowthMb} MB`, (a, b) => b - a < goals.pageHeapGrowthMb),
    row('page DOM nodes at the attract screen', (s) => s.pageNodes, 'back to the start', (a, b) => b <= a),
    row('page event listeners at the attract screen', (s) => s.pageListeners, 'back to the start', (a, b) => b <= a),
    row('bridge connections', (s) => s.bridgeConnections, 'no growth', (a, b) => b <= a),
    row('core heap after GC (MB)', (s) => s.coreHeapMb, '', () => true),
    row('core active handles', (s) => s.coreHandles, 'no growth', (a, b) => b <= a),
  ];
}

/**
 * The process's resources at rest (process.getActiveResourcesInfo): the fewest seen over
 * `windowMs`, 100 ms apart. In-flight work (a heartbeat's request, an fsync, a poll's timer,
 * a keep-alive connection that closes when idle) comes and goes; what a leak leaves stays.
 * The sampling's own timer is in every sample alike.
 */
export async function settledResources(windowMs: number): Promise<string[]> {
  let fewest = process.getActiveResourcesInfo();
  for (let waited = 0; waited < windowMs; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = process.getActiveResourcesInfo();
    if (now.length < fewest.length) fewest = now;
  }
  return fewest;
}

/** How many of each resource type: what a start and an end sample list side by side. */
export function countByType(resources: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of resources) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
