/**
 * Load generator for operators: a headless kiosk core on simulated devices drives n
 * citizen sessions (swipe → ticket, or swipe → a simple matter application) against a
 * central API, waits for the outbox to drain, and prints one JSON line.
 *   npm run -s loadgen -- --central <url> --sessions <n> [--kiosk-id <id>] [--data <dir>] [--timeout <s>]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseKioskConfig, SIMULATOR } from '../electron/common/config.js';
import { composeFromConfig } from '../electron/core/startup/start-kiosk.js';
import { startDemo } from './sim/demo.js';
import type { SessionView } from '../electron/common/contract.js';
import { SIM_PEOPLE } from './sim/idcard/people.js';

const { values } = parseArgs({
  options: {
    central: { type: 'string' },
    sessions: { type: 'string', default: '20' },
    'kiosk-id': { type: 'string', default: 'LOADGEN-K01' },
    data: { type: 'string' },
    token: { type: 'string', default: process.env.KIOSK_CENTRAL_TOKEN ?? 'loadgen-dev-token' },
    timeout: { type: 'string', default: '120' },
  },
});
if (!values.central) {
  console.error('usage: npm run -s loadgen -- --central <url> --sessions <n> [--kiosk-id <id>] [--data <dir>]');
  process.exit(2);
}
const sessions = Number(values.sessions);
if (!Number.isInteger(sessions) || sessions < 1) {
  console.error('--sessions must be a positive whole number');
  process.exit(2);
}

const dataDir = values.data ?? mkdtempSync(path.join(tmpdir(), 'kiosk-loadgen-'));
const config = parseKioskConfig({
  kioskId: values['kiosk-id'],
  hall: { name: '负载测试大厅', regionCode: '330102' },
  devices: {
    idcard: { transport: 'serial', port: SIMULATOR },
    citizencard: null,
    printer: { transport: 'serial', port: SIMULATOR },
  },
  central: { url: values.central, token: values.token },
  dataDir,
});
// The simulated devices make this a demo config: the demo composition starts them.
const started = await composeFromConfig(config, {
  shell: 'browser', loadDemo: async () => startDemo, demo: { printerOutputDir: null }, pollIntervalMs: 50, heartbeatMs: 500,
});
const { kiosk } = started;
const idcard = started.demo!.simulators.idcard!;
const residents = SIM_PEOPLE.filter((p) => p.kind === 'resident' && p.id !== 'bad-check-digit');
const counts = { acceptedTickets: 0, acceptedApplications: 0, refused: 0 };

function nextSession(): Promise<SessionView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no card read within 10 s: is the ID-card simulator running?')), 10_000);
    const off = kiosk.core.events.on('session', (s) => {
      if (!s) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

try {
  for (let i = 0; i < sessions; i += 1) {
    const person = residents[i % residents.length]!;
    const identified = nextSession();
    // Card on the reader until it is read, then off: the next citizen's card is a new swipe.
    await idcard.handleControl({ command: 'insert', args: { card: person.id } });
    await identified;
    await idcard.handleControl({ command: 'remove' });
    try {
      if (i % 2 === 0) {
        await kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null });
        counts.acceptedTickets += 1;
      } else {
        await kiosk.core.runDataCheck({ matterId: 'social-insurance-proof', proofType: 'social-insurance' });
        await kiosk.core.submitApplication({ matterId: 'social-insurance-proof', commitments: [], answers: {} });
        counts.acceptedApplications += 1;
      }
    } catch (err) {
      counts.refused += 1;
      console.error(`session ${i}: ${(err as Error).message}`);
    }
    await kiosk.core.endSession('finished');
    // Let the reader's poll see the empty field before the next card arrives.
    await new Promise((r) => setTimeout(r, 150));
  }
  let drained = true;
  try {
    await kiosk.forwarder.waitUntilDrained(Number(values.timeout) * 1000);
  } catch {
    drained = false;
  }
  const status = kiosk.forwarder.status();
  console.log(
    JSON.stringify({
      ...counts,
      forwarded: status.delivered,
      quarantined: status.quarantined,
      pending: status.pending,
      drained,
      dataDir,
    }),
  );
} finally {
  await started.close();
}
