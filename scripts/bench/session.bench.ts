/**
 * Soak: 10,000 citizen sessions through the composed core (identify → ticket or a
 * simple matter with a data check → end), with the real SQLite store, forwarder,
 * central simulator and printer simulator on a PTY. Cards are handed to the core
 * in-process (a reader's poll would only add waiting). Reports heap and handle growth.
 * UI: card-read event to the identified screen painted in Chromium, median and p99.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ComposedKiosk } from '../../electron/core/compose.js';
import { startBridgeServer } from '../../electron/browser-shell/bridge-server.js';
import { composeTestKiosk, testConfig } from '../../test/support/kiosk.js';
import { InjectedCardReader, residentIdentity } from '../../test/support/injected-reader.js';
import { launchTestBrowser } from '../../test/support/browser.js';
import { countByType, settledResources } from './soak-metrics.js';
import { SIM_PEOPLE } from '../sim/idcard/people.js';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';

export const title = 'Citizen sessions: soak (heap, handles) and card-read → identified screen';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const UI_SAMPLES = Number(process.env.BENCH_UI_SAMPLES ?? 60);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
// At rest: the fewest over 6 s, longer than a heartbeat's keep-alive connection stays open idle (4 s).
const handles = () => settledResources(6000);
/** "+1 Timeout, -1 TCPWRAP": what kinds of handles came or went. */
function handleDiff(before: string[], after: string[]): string {
  const [b, a] = [countByType(before), countByType(after)];
  const kinds = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const parts = kinds.map((k) => [k, (a[k] ?? 0) - (b[k] ?? 0)] as const).filter(([, d]) => d !== 0);
  return parts.map(([k, d]) => `${d > 0 ? '+' : ''}${d} ${k}`).join(', ') || 'none';
}
const settle = () => new Promise((r) => setTimeout(r, 1000));

const people = SIM_PEOPLE.filter((p) => p.kind === 'resident');
function identityOf(i: number) {
  const p = people[i % people.length]!;
  return residentIdentity({ name: p.name, idNumber: p.idNumber, birthDate: `${p.birth.slice(0, 4)}-${p.birth.slice(4, 6)}-${p.birth.slice(6)}` });
}

async function session(kiosk: ComposedKiosk, reader: InjectedCardReader, i: number): Promise<void> {
  reader.present(identityOf(i));
  if (i % 2 === 0) {
    await kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null });
  } else {
    await kiosk.core.runDataCheck({ matterId: 'social-insurance-proof', proofType: 'social-insurance' });
    await kiosk.core.submitApplication({ matterId: 'social-insurance-proof', commitments: [], answers: {} });
  }
  await kiosk.core.endSession('finished');
}

async function soak(): Promise<BenchResult['rows']> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-soak-'));
  const reader = new InjectedCardReader('idcard');
  const config = testConfig(dataDir, { devices: { idcard: null, citizencard: null, printer: { transport: 'serial', port: '@simulator', baud: 921600, paper: 80 } } });
  const started = await composeTestKiosk(config, { demo: { printerOutputDir: null }, devices: { idcard: reader } });
  const kiosk = started.kiosk;
  const printer = started.demo!.simulators.printer!.controls;
  try {
    const warmup = Math.min(500, SESSIONS / 10);
    for (let i = 0; i < warmup; i += 1) await session(kiosk, reader, i);
    await kiosk.forwarder.waitUntilDrained(60_000);
    printer.clearTickets();
    await settle();
    const heap0 = heapMb();
    const handles0 = await handles();
    const started = performance.now();
    for (let i = 0; i < SESSIONS; i += 1) {
      await session(kiosk, reader, i);
      // The simulator keeps every cut ticket for tests; a soak must not count its memory as ours.
      if (i % 500 === 0) printer.clearTickets();
    }
    const elapsed = performance.now() - started;
    await kiosk.forwarder.waitUntilDrained(120_000);
    printer.clearTickets();
    await settle();
    const heap1 = heapMb();
    const handles1 = await handles();
    const delivered = kiosk.forwarder.status().delivered;
    return [
      { measure: 'sessions', value: SESSIONS, unit: '', goal: '' },
      { measure: 'session mean cost', value: elapsed / SESSIONS, unit: 'ms', goal: '' },
      { measure: 'heap after warm-up', value: heap0, unit: 'MB', goal: '' },
      { measure: 'heap after soak', value: heap1, unit: 'MB', goal: '' },
      { measure: 'heap growth', value: heap1 - heap0, unit: 'MB', goal: '< 10', met: heap1 - heap0 < 10 },
      { measure: 'handle growth', value: handles1.length - handles0.length, unit: handleDiff(handles0, handles1), goal: '≤ 0', met: handles1.length <= handles0.length }, // fewer at the end (a keep-alive socket closed) is no leak
      { measure: 'records forwarded', value: delivered, unit: '', limit: SESSIONS + warmup, ratio: delivered / (SESSIONS + warmup), goal: `${SESSIONS + warmup}`, met: delivered === SESSIONS + warmup },
    ];
  } finally {
    await started.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function uiLatency(): Promise<BenchResult['rows']> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-ui-'));
  const reader = new InjectedCardReader('idcard');
  const config = testConfig(dataDir, { devices: { idcard: null, citizencard: null, printer: null } });
  const started = await composeTestKiosk(config, { devices: { idcard: reader } });
  const kiosk = started.kiosk;
  const bridge = await startBridgeServer({ core: kiosk.core, staticDir: path.resolve('dist/renderer') });
  const browser = await launchTestBrowser();
  const samples: number[] = [];
  try {
    const { page } = browser;
    await page.goto(bridge.issuePageUrl());
    await page.getByTestId('screen-attract').waitFor();
    for (let i = 0; i < UI_SAMPLES; i += 1) {
      // The page notes the wall-clock time of the first frame painted with the identified screen.
      // (A string, not a function: tsx's helpers do not exist in the page.)
      const painted = page.evaluate<number>(`new Promise((resolve) => {
        const check = () => document.querySelector('[data-testid="screen-citizen-home"]')
          ? requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now()), 0))
          : requestAnimationFrame(check);
        check();
      })`);
      await page.waitForTimeout(20);
      const t0 = performance.timeOrigin + performance.now();
      reader.present(identityOf(i));
      samples.push((await painted) - t0);
      await kiosk.core.endSession('finished');
      await page.getByTestId('screen-attract').waitFor();
    }
  } finally {
    await browser.close().catch(() => {});
    await bridge.close();
    await started.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return [
    { measure: 'card read → identified screen painted, median', value: percentile(samples, 50), unit: 'ms', goal: '' },
    { measure: 'card read → identified screen painted, p99', value: percentile(samples, 99), unit: 'ms', goal: '' },
  ];
}

export async function bench(): Promise<BenchResult> {
  const rows = [...(await soak()), ...(await uiLatency())];
  return {
    rows,
    notes: [
      `BENCH_SESSIONS=${SESSIONS} (default 10000), BENCH_UI_SAMPLES=${UI_SAMPLES}.`,
      'Heap is measured after two forced GCs; handles are process.getActiveResourcesInfo() entries at rest (the fewest over 6 s).',
      'UI latency includes the WebSocket bridge, the store update and React paint (the reader poll is excluded).',
    ],
  };
}
