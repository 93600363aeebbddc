/**
 * A day-long page (`npm run bench -- page-soak`; 8 hours: `npm run bench:page-soak-8h`).
 * A table, never a test.
 *
 * 2,000 citizen sessions (BENCH_PAGE_SOAK_SESSIONS) through the real page in Chromium over
 * the loopback bridge: the core composed as the shells do it, the ID-card and printer
 * simulators on PTYs, the embedded central simulator with the card holders' records; each
 * citizen swipes and takes a ticket, looks at a matter, or applies with a live data check
 * (soak-journeys.ts). Every 100 sessions, at the attract screen: the page's JS heap after
 * GC, its DOM nodes and event listeners (CDP), the core's heap after GC and its active
 * handles, and the bridge's page connections. Kiosks that run for hours show white screens
 * when a page grows; this is the guard.
 *
 * With BENCH_PAGE_SOAK_HOURS set, sessions run until that much time has passed, with a
 * pause at the attract screen between citizens (BENCH_PAGE_SOAK_GAP_MS) as in a hall.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { startBridgeServer, type BridgeServer } from '../../electron/browser-shell/bridge-server.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { centralRecordsForCardHolders } from '../../test/e2e/journey-helpers.js';
import { launchTestBrowser } from '../../test/support/browser.js';
import { composeTestKiosk, testConfig } from '../../test/support/kiosk.js';
import { until } from '../../test/support/until.js';
import { buildPopulation } from '../sim/central/population.js';
import type { BenchResult } from './run.js';
import { journeyOf, runJourney, type Journey } from './soak-journeys.js';
import { coreHeapMb, countByType, pageMetrics, settledResources, soakVerdict, type SoakSample } from './soak-metrics.js';

export const title = 'A day-long page: citizen sessions in Chromium over the bridge (page heap, DOM, listeners; core heap, handles)';

const HOURS = Number(process.env.BENCH_PAGE_SOAK_HOURS ?? 0);
const SESSIONS = Number(process.env.BENCH_PAGE_SOAK_SESSIONS ?? 2000);
const SAMPLE_EVERY = Number(process.env.BENCH_PAGE_SOAK_SAMPLE_EVERY ?? 100);
const WARMUP = Number(process.env.BENCH_PAGE_SOAK_WARMUP ?? 20);
/** One citizen in 200 walks away (the idle timeout, 15 s, ends it): the warning and countdown run too. */
const WALK_AWAY_EVERY = Number(process.env.BENCH_PAGE_SOAK_WALK_AWAY_EVERY ?? 200);
const GAP_MS = Number(process.env.BENCH_PAGE_SOAK_GAP_MS ?? (HOURS > 0 ? 5000 : 0));
const GOALS = { pageHeapGrowthMb: 5 };
/** A folder to write the page's heap snapshot into at each sample, to find what grows (DevTools → Memory → Comparison). */
const SNAPSHOT_DIR = process.env.BENCH_PAGE_SOAK_HEAP_SNAPSHOTS;

async function writeHeapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  writeFileSync(file, chunks.join(''));
}

async function sample(page: Page, cdp: CDPSession, bridge: BridgeServer, sessions: number): Promise<SoakSample> {
  await page.locator('.kiosk[data-screen="attract"]').waitFor();
  // Let the last session's answers and the attract screen's first frames settle.
  await page.waitForTimeout(500);
  const pageFigures = await pageMetrics(cdp);
  if (SNAPSHOT_DIR) await writeHeapSnapshot(cdp, path.join(SNAPSHOT_DIR, `page-${sessions}.heapsnapshot`));
  // Fewest over 1.5 s: the heartbeat (1 s here) keeps its connection open, alike at start and end.
  const resources = await settledResources(1500);
  return { sessions, ...pageFigures, coreHeapMb: coreHeapMb(), coreHandles: resources.length, coreResources: countByType(resources), bridgeConnections: bridge.pageConnections() };
}

const resourceList = (counts: Record<string, number> | undefined) =>
  Object.entries(counts ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `${type} ${n}`).join(', ');

export async function bench(): Promise<BenchResult> {
  // The store's fsyncs are not what this measures: on tmpfs (when there is one) a busy disk does not set the pace.
  const dataDir = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bench-page-soak-'));
  const config = testConfig(dataDir, { devices: { citizencard: null }, session: { idleSeconds: 15, elderlyIdleSeconds: 15, warningSeconds: 5 } });
  const started = await composeTestKiosk(config, { demo: { printerOutputDir: null, verificationDelayMs: 0 }, pollIntervalMs: 20, heartbeatMs: 1000 });
  const { idcard, printer, central } = started.demo!.simulators;
  central!.db.seedPopulation([...buildPopulation(Date.now(), 20), ...centralRecordsForCardHolders()], DEV_ID_HASH_KEY);
  const bridge = await startBridgeServer({ core: started.kiosk.core, staticDir: path.resolve('dist/renderer') });
  const browser = await launchTestBrowser({ width: 1280, height: 1024 });
  const samples: SoakSample[] = [];
  const journeys: Record<Journey, number> = { ticket: 0, 'browse-matter': 0, 'data-check-application': 0, 'walk-away': 0 };
  let sessions = 0;
  const t0 = performance.now();
  let soakStart = t0;
  try {
    const { page } = browser;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(bridge.issuePageUrl());
    await page.getByTestId('screen-attract').waitFor();
    await until(async () => (await started.kiosk.core.getStatus()).devices.every((d) => d.device === 'citizencard' || d.state === 'ready'), 'the ID reader and the printer ready', { timeoutMs: 15_000, everyMs: 50 });
    // Warm-up: every screen's code compiled and its first-use caches filled, so they do not count as growth.
    for (let i = 0; i < WARMUP; i++) await runJourney(page, idcard!, i, journeyOf(i, 0));
    printer!.controls.clearTickets();
    samples.push(await sample(page, cdp, bridge, 0));
    soakStart = performance.now();
    const deadline = HOURS > 0 ? soakStart + HOURS * 3_600_000 : Infinity;
    while (HOURS > 0 ? performance.now() < deadline : sessions < SESSIONS) {
      const journey = journeyOf(sessions, WALK_AWAY_EVERY);
      await runJourney(page, idcard!, sessions, journey);
      journeys[journey]++;
      sessions++;
      if (GAP_MS) await page.waitForTimeout(GAP_MS);
      if (sessions % SAMPLE_EVERY === 0) {
        // The simulator keeps every cut ticket for tests; a soak must not count its memory as the core's.
        printer!.controls.clearTickets();
        samples.push(await sample(page, cdp, bridge, sessions));
        const s = samples.at(-1)!;
        console.error(`page-soak: ${sessions} sessions, ${((performance.now() - soakStart) / 60_000).toFixed(1)} min; page ${s.pageHeapMb.toFixed(2)} MB, ${s.pageNodes} nodes, ${s.pageListeners} listeners; core ${s.coreHeapMb.toFixed(1)} MB, ${s.coreHandles} handles; ${s.bridgeConnections} bridge connection(s)`);
      }
    }
    if (sessions % SAMPLE_EVERY !== 0) {
      printer!.controls.clearTickets();
      samples.push(await sample(page, cdp, bridge, sessions));
    }
  } finally {
    await browser.close().catch(() => {});
    await bridge.close();
    await started.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const minutes = (performance.now() - soakStart) / 60_000;
  const rows: BenchResult['rows'] = soakVerdict(samples, GOALS).map((r) => ({
    measure: r.measure, limit: '', start: r.start, end: r.end, growth: r.growth, peak: r.peak,
    ratio: r.start ? r.end / r.start : '', goal: r.goal, met: r.goal ? (r.met ? 'yes' : 'no') : '',
  }));
  const curve = samples.map((s) => `${s.sessions}: ${s.pageHeapMb.toFixed(2)} MB/${s.pageNodes} nodes/${s.pageListeners} listeners`).join('; ');
  return {
    rows,
    notes: [
      `${sessions} sessions in ${minutes.toFixed(1)} min (${((minutes * 60_000) / Math.max(1, sessions)).toFixed(0)} ms each) after ${WARMUP} warm-up sessions: ${Object.entries(journeys).map(([j, n]) => `${j} ${n}`).join(', ')}.`,
      HOURS > 0 ? `Ran for ${HOURS} h with ${GAP_MS} ms at the attract screen between citizens.` : 'BENCH_PAGE_SOAK_SESSIONS (default 2000); BENCH_PAGE_SOAK_HOURS=8 (npm run bench:page-soak-8h) runs for hours instead.',
      'Sampled at the attract screen every 100 sessions, after a forced GC on each side; ratio = end / start; peak = the largest sample.',
      `Page samples (sessions: heap/nodes/listeners): ${curve}.`,
      `Core resources at rest (fewest over 1.5 s): at the start ${resourceList(samples[0]?.coreResources)}; at the end ${resourceList(samples.at(-1)?.coreResources)}.`,
    ],
  };
}
