/**
 * The store's alerts end to end on a real mosquitto: the kiosk's data on a real 4 MiB
 * tmpfs (as kiosk-disk-full.test.ts) filled up, a ticket refused, and the `store-full`
 * alert on `events`, `FULL` in `fleet status` (the CLI run as hall staff run it); space
 * freed, `store-accepting`. Then a record the real central simulator refuses for good (an
 * application for a matter that does not exist): `record-quarantined`, and `q1` in the
 * status. Mounting needs root, as CI and the development machines here run.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, HealthMessage } from '../../electron/common/fleet/messages.js';
import { kioskTopics } from '../../electron/common/fleet/topics.js';
import type { ComposedKiosk } from '../../electron/core/compose.js';
import { startCentralSimulator, type CentralSimulator } from '../../scripts/sim/central/server.js';
import { TEST_FLEET_BACKOFF, testFleetConfig, untilFleetConnected } from '../support/fleet-kiosk.js';
import { observeFleet, type FleetObserver } from '../support/fleet-observer.js';
import { InjectedCardReader, residentIdentity } from '../support/injected-reader.js';
import { composeTestKiosk, testConfig } from '../support/kiosk.js';
import { startTestBroker, type TestBroker } from '../support/mosquitto.js';

const topics = kioskTopics('hall', '330102', 'STORE-K01');
const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-fleet-full-'));
const filler = path.join(dataDir, 'filler.bin');
let broker: TestBroker;
let fleet: FleetObserver;
let central: CentralSimulator;
let kiosk: ComposedKiosk;
const reader = new InjectedCardReader();

/** The kiosk's row of `fleet status`, as `npm run -s fleet` prints it (its built entry). */
async function statusRow(): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/fleet/fleet.mjs', 'status', '--broker', broker.url], { timeout: 60_000 }).catch((err: { stderr?: string; message: string }) => {
    throw new Error(`fleet status failed: ${err.stderr ?? ''} ${err.message}`);
  });
  return stdout.split('\n').find((line) => line.startsWith('STORE-K01')) ?? `(no STORE-K01 row in:\n${stdout})`;
}
const lastHealth = () => fleet.on<HealthMessage>(topics.health).at(-1);
const ticket = () => kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null });

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test mounts a tmpfs: run it as root (CI does)');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4M', 'tmpfs', dataDir]);
  broker = await startTestBroker();
  central = await startCentralSimulator({ dataDir: mkdtempSync(path.join(tmpdir(), 'kiosk-fleet-full-central-')) });
  const config = testConfig(dataDir, {
    kioskId: 'STORE-K01',
    devices: { idcard: null, citizencard: null, printer: null },
    central: { url: central.url, token: 'fleet-store-test' },
    fleet: testFleetConfig(broker.url, { healthSeconds: 5, keepAliveSeconds: 5 }),
  });
  kiosk = (await composeTestKiosk(config, { devices: { idcard: reader }, spaceCheckMs: 100, heartbeatMs: 200, fleetBackoff: TEST_FLEET_BACKOFF })).kiosk;
  await untilFleetConnected(kiosk);
  fleet = await observeFleet(broker.url);
  reader.present(residentIdentity());
}, 60_000);

afterAll(async () => {
  await fleet?.close();
  await kiosk?.close();
  await central?.close();
  await broker?.stop();
  try {
    execFileSync('umount', ['-l', dataDir]);
  } catch {
    // not mounted (beforeAll failed before the mount)
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('store alerts on a real mosquitto', () => {
  it('a full disk is a store-full alert and FULL in fleet status; space freed, store-accepting', async () => {
    await ticket();
    try {
      writeFileSync(filler, Buffer.alloc(8 * 2 ** 20));
    } catch {
      // ENOSPC: the file holds what fitted, which is the point
    }
    try {
      await expect(ticket()).rejects.toMatchObject({ code: 'store-full' });
      await fleet.waitFor<EventMessage>(topics.events, (e) => e.code === 'store-full', 'the store-full alert');
      expect(fleet.on<EventMessage>(topics.events).find((e) => e.code === 'store-full')).toMatchObject({ kioskId: 'STORE-K01', level: 'error' });
      await expect.poll(() => lastHealth()?.outbox.acceptingWrites, { timeout: 10_000 }).toBe(false);
      expect(await statusRow()).toMatch(/ FULL/);
    } finally {
      rmSync(filler, { force: true });
    }
    await fleet.waitFor<EventMessage>(topics.events, (e) => e.code === 'store-accepting', 'the store-accepting alert');
    await expect.poll(() => lastHealth()?.outbox.acceptingWrites, { timeout: 10_000 }).toBe(true);
    await ticket();
  });

  it('a record central refuses for good is a record-quarantined alert and q1 in fleet status', async () => {
    const { idNumber, name } = residentIdentity();
    await kiosk.store.submitApplication({ matterId: 'no-such-matter', matterVersion: 1, applicant: { idNumber, name }, proofs: [] });
    kiosk.forwarder.kick();
    await fleet.waitFor<EventMessage>(topics.events, (e) => e.code === 'record-quarantined', 'the record-quarantined alert', 20_000);
    expect(fleet.on<EventMessage>(topics.events).find((e) => e.code === 'record-quarantined')).toMatchObject({ level: 'warning', detail: '1' });
    await expect.poll(() => lastHealth()?.outbox.quarantined, { timeout: 10_000 }).toBe(1);
    const row = await statusRow();
    expect(row).toMatch(/ q1/);
    expect(row).not.toMatch(/ FULL/);
  });
});
