/**
 * Printer bench, from the citizen's tap: a click on 一键取号 in Chromium, through the
 * loopback bridge, the core (commit to SQLite, queue look-up within its budget), the
 * ESC/POS layout and the PTY to the printer simulator at 115200 baud, until the ticket's
 * last byte; against that ticket's own wire time. Once with the embedded central
 * simulator healthy, once with central.url at a server that accepts and never answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBridgeServer } from '../../electron/browser-shell/bridge-server.js';
import { composeTestKiosk, testConfig } from '../../test/support/kiosk.js';
import { InjectedCardReader, residentIdentity } from '../../test/support/injected-reader.js';
import { launchTestBrowser } from '../../test/support/browser.js';
import { startSilentCentral, type SilentCentral } from '../../test/support/silent-central.js';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';

const BAUD = 115200;
const RUNS = Number(process.env.BENCH_TAP_RUNS ?? 20);


/** In the page (a string: tsx's helpers do not exist there): the wall-clock time of each pointerdown. */
const RECORD_TAPS = `document.addEventListener('pointerdown', () => { window.__lastTapAt = performance.timeOrigin + performance.now(); }, true)`;
/** In the page: the wall-clock time of the first frame painted with the ticket screen. */
const TICKET_PAINTED = `new Promise((resolve) => {
  const check = () => document.querySelector('[data-testid="screen-ticket"]')
    ? requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now()), 0))
    : requestAnimationFrame(check);
  check();
})`;

interface TapSamples {
  lastByte: number[];
  shown: number[];
  wire: number[];
  live: number;
}

async function tapRuns(central: 'healthy' | 'hung'): Promise<TapSamples> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `bench-tap-${central}-`));
  let silent: SilentCentral | null = null;
  if (central === 'hung') silent = await startSilentCentral();
  const reader = new InjectedCardReader('idcard');
  const config = testConfig(dataDir, {
    devices: { idcard: null, citizencard: null, printer: { transport: 'serial', port: '@simulator', baud: BAUD, paper: 80 } },
    // The shipped client timeout (5 s): a hung central's look-ups end as they would in a hall,
    // so a tight loop of citizens does not pile up more calls than the bridge lets one page run.
    ...(silent ? { central: { url: silent.url, token: 'bench-kiosk-token' } } : {}),
  });
  const started = await composeTestKiosk(config, { demo: { printerOutputDir: null }, devices: { idcard: reader } });
  const { kiosk } = started;
  const bridge = await startBridgeServer({ core: kiosk.core, staticDir: path.resolve('dist/renderer') });
  const browser = await launchTestBrowser({ width: 1280, height: 1200 });
  const printer = started.demo!.simulators.printer!.controls;
  const samples: TapSamples = { lastByte: [], shown: [], wire: [], live: 0 };
  try {
    const { page } = browser;
    await page.goto(bridge.issuePageUrl());
    await page.getByTestId('screen-attract').waitFor();
    await page.evaluate(RECORD_TAPS);
    for (let i = 0; i < RUNS; i++) {
      reader.present(residentIdentity({ idNumber: '330102199001011234', birthDate: '1990-01-01' }));
      await page.getByTestId('one-click-ticket').waitFor();
      const printedBefore = printer.tickets().length;
      const bytesBefore = printer.stats().printBytes;
      const painted = page.evaluate<number>(TICKET_PAINTED);
      painted.catch(() => {}); // awaited below; a failure before that must not hide the first error
      await page.getByTestId('one-click-ticket').click();
      const [ticket] = (await printer.waitForTickets(printedBefore + 1, 30_000)).slice(printedBefore);
      const shownAt = await painted;
      const tapAt = await page.evaluate<number>('window.__lastTapAt');
      if (!ticket) throw new Error('the printer simulator lost a ticket');
      samples.lastByte.push(performance.timeOrigin + ticket.cutAt - tapAt);
      samples.shown.push(shownAt - tapAt);
      samples.wire.push(((printer.stats().printBytes - bytesBefore) * 10 * 1000) / BAUD);
      if ((await page.getByTestId('ticket-ahead').getAttribute('data-live')) === 'true') samples.live++;
      await kiosk.core.endSession('finished');
      await page.getByTestId('screen-attract').waitFor();
      // One citizen after another, not a flood: the bridge lets a page make 20 calls a second
      // after a burst of 60, and a session here makes four.
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  } finally {
    await browser.close().catch(() => {});
    await bridge.close();
    await silent?.close(); // the calls still waiting fail now, so the forwarder stops at once
    await started.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return samples;
}

const GOAL_OVER_WIRE_MS = 50;
const LAST_BYTE = 'click in Chromium → last byte at printer';

export async function tapToPrinterRows(): Promise<{ rows: BenchResult['rows']; notes: string[] }> {
  const rows: BenchResult['rows'] = [];
  for (const central of ['healthy', 'hung'] as const) {
    const s = await tapRuns(central);
    const wire = percentile(s.wire, 50);
    const row = (measure: string, values: number[]) => ({
      measure: `${measure}, central ${central}`,
      'wire ms': wire,
      'p50 ms': percentile(values, 50),
      'p95 ms': percentile(values, 95),
      'p50 over wire ms': percentile(values, 50) - wire,
      'live queue': `${s.live}/${RUNS}`,
      limit: wire,
      ratio: percentile(values, 50) / wire,
      goal: measure === LAST_BYTE ? `≤ ${GOAL_OVER_WIRE_MS} ms over wire` : '',
      met: measure === LAST_BYTE ? percentile(values, 50) - wire <= GOAL_OVER_WIRE_MS : '',
    });
    rows.push(row(LAST_BYTE, s.lastByte), row('click in Chromium → ticket screen painted', s.shown));
  }
  return {
    rows,
    notes: [
      `${RUNS} taps per row (BENCH_TAP_RUNS); "wire ms": the median ticket's bytes at ${BAUD} baud, 10 bits a byte.`,
      'From the pointerdown in the page, through the bridge, the SQLite commit, the queue look-up (100 ms budget), layout and the PTY.',
      'Goal: click → last byte ≤ 50 ms over the wire time, with central healthy or hung ("live queue": tickets with the live count).',
    ],
  };
}
