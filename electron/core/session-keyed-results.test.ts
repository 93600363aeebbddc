/**
 * Awaited central answers land only in the session (and principal) that asked: two
 * citizens interleaved with a central whose answers the test releases by hand, on the
 * real SQLite store. A late answer after its session ended is dropped and logged
 * without personal data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskCore } from './kiosk-core.js';
import { Journeys } from './journeys/journeys.js';
import { KioskStore } from './store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from './store/crypto.js';
import { TypedEmitter } from '../common/emitter.js';
import type { SyncStatus } from '../common/contract.js';
import type { DataCheckResponse } from '../common/central-api.js';
import { testConfig } from '../../test/support/kiosk.js';
import { InjectedCardReader, residentIdentity } from '../../test/support/injected-reader.js';
import { SlowCentral } from '../../test/support/slow-central.js';

const syncStatus: SyncStatus = { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true };
const A = { name: '甲一', idNumber: '330106198503151238', birthDate: '1985-03-15' };
const B = { name: '乙二', idNumber: '330102199007042349', birthDate: '1990-07-04' };
const C = { name: '丙三', idNumber: '330105197811223458', birthDate: '1978-11-22' };
const CHECK = { matterId: 'social-insurance-proof', proofType: 'social-insurance' } as const;
const confirmed: DataCheckResponse = {
  proofType: 'social-insurance', result: 'confirmed', summary: '参保状态：正常', checkedAt: '2026-11-23T10:00:00+08:00', reference: 'DC-1',
};
const SUBMIT = { matterId: 'social-insurance-proof', answers: {}, commitments: [] };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function rig() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-keyed-'));
  dirs.push(dataDir);
  const store = KioskStore.open({ dataDir, kioskId: 'K1', idHashKey: DEV_ID_HASH_KEY });
  const central = new SlowCentral();
  const logs: string[] = [];
  const journeys = new Journeys({
    store, central: central.asClient(), printer: undefined, hallName: '大厅', kioskId: 'K1', trackingBaseUrl: 'https://t.example/h', log: (m) => logs.push(m),
  });
  journeys.catalog.seedFromFile();
  const reader = new InjectedCardReader('idcard');
  const core = new KioskCore({
    config: testConfig(dataDir),
    shell: 'browser',
    devices: { idcard: reader },
    journeys,
    sync: { start: async () => {}, stop: async () => {}, status: () => syncStatus, onStatus: (l) => new TypedEmitter<{ s: SyncStatus }>().on('s', l) },
    log: (m) => logs.push(m),
  });
  await core.start();
  const swipe = (who: typeof A) => reader.present(residentIdentity(who));
  const close = async () => {
    await core.stop();
    store.close();
  };
  return { core, central, logs, swipe, close };
}

/** Lets the core's pending awaits run up to the next central call. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('session-keyed results of awaited central calls', () => {
  it("drops A's data check that answers after B swiped: B's proof is not satisfied by A's records", async () => {
    const { core, central, logs, swipe, close } = await rig();
    swipe(A);
    const checkA = core.runDataCheck(CHECK);
    await settle();
    swipe(B);
    central.answer('dataCheck', confirmed);
    await expect(checkA).rejects.toMatchObject({ code: 'no-session' });
    const outcome = await core.submitApplication(SUBMIT);
    expect(outcome.applications[0]!.proofs[0]!.satisfiedBy).toBe('department-verification');
    expect(logs.join('\n')).toContain('dropped a late data check');
    expect(logs.join('\n')).not.toMatch(/甲一|乙二|330106|330102/);
    await close();
  });

  it("applies a principal's data check to that principal after the agent swiped another (代办)", async () => {
    const { core, central, swipe, close } = await rig();
    swipe(A);
    await core.setProxyMode(true);
    swipe(B); // principal 0, active
    const checkB = core.runDataCheck(CHECK);
    await settle();
    swipe(C); // principal 1 becomes active while B's answer is in flight
    central.answer('dataCheck', confirmed);
    expect((await checkB).status).toBe('confirmed');
    const forC = await core.submitApplication(SUBMIT);
    expect(forC.applications[0]!.proofs[0]!.satisfiedBy).toBe('department-verification');
    await core.selectPrincipal(0);
    const forB = await core.submitApplication(SUBMIT);
    expect(forB.applications[0]!.proofs[0]!.satisfiedBy).toBe('data-check');
    await close();
  });

  it("keeps A's appointments from B when A's overview answers after B swiped", async () => {
    const { core, central, swipe, close } = await rig();
    swipe(A);
    const overviewA = core.getCitizenOverview();
    await settle();
    swipe(B);
    central.answer('appointmentsToday', [{ appointmentId: 'AP-A', matterId: 'social-insurance-proof', slot: '2026-11-23T10:30:00+08:00', queue: 'A' }]);
    central.answer('entitlements', []);
    central.answer('applicationStatus', []);
    await expect(overviewA).rejects.toMatchObject({ code: 'no-session' });
    await expect(core.takeTicket({ category: null, priority: 'normal', appointmentId: 'AP-A' })).rejects.toMatchObject({ code: 'unknown-appointment' });
    await close();
  });

  it("ends A's overview call as A's session ends, while the central has still not answered", async () => {
    const { core, central, swipe, close } = await rig();
    swipe(A);
    const overviewA = core.getCitizenOverview();
    await settle();
    expect(central.pending('appointmentsToday') + central.pending('entitlements') + central.pending('applicationStatus')).toBeGreaterThan(0);
    await core.endSession('finished');
    // Not after the central's timeout: at once, so a hung central cannot pile up the page's calls.
    await expect(overviewA).rejects.toMatchObject({ code: 'no-session' });
    expect(central.pending('appointmentsToday') + central.pending('entitlements') + central.pending('applicationStatus')).toBeGreaterThan(0);
    await close();
  });

  it("does not let B reprint the ticket A took while the queue state was in flight", async () => {
    const { core, central, swipe, close } = await rig();
    swipe(A);
    const ticketA = core.takeTicket({ category: null, priority: 'normal', appointmentId: null });
    await expect.poll(() => central.pending('queueState')).toBe(1);
    swipe(B);
    central.answer('queueState', { queue: 'A', peopleAhead: 2, estimatedWaitMinutes: 10, openWindows: 2 });
    const outcome = await ticketA;
    await expect(core.reprint(outcome.print.jobId)).rejects.toMatchObject({ code: 'unknown-print-job' });
    await close();
  });

  it("refuses A's call that arrives after B swiped, and leaves B's session to A's stale endSession and touch", async () => {
    const { core, central, swipe, close } = await rig();
    swipe(A);
    const a = core.sessions.current()!.id;
    swipe(B);
    const b = core.sessions.current()!.id;
    const request = { category: null, priority: 'normal', appointmentId: null } as const;
    await expect(core.takeTicket(request, a)).rejects.toMatchObject({ code: 'no-session' });
    await expect(core.submitApplication(SUBMIT, a)).rejects.toMatchObject({ code: 'no-session' });
    await expect(core.runDataCheck(CHECK, a)).rejects.toMatchObject({ code: 'no-session' });
    await expect(core.setProxyMode(true, a)).rejects.toMatchObject({ code: 'no-session' });
    await expect(core.selectPrincipal(null, a)).rejects.toMatchObject({ code: 'no-session' });
    await expect(core.getCitizenOverview(a)).rejects.toMatchObject({ code: 'no-session' });
    await expect(core.reprint('job', a)).rejects.toMatchObject({ code: 'no-session' });
    const deadline = core.sessions.idleDeadline();
    expect((await core.touchSession({ elderlyMode: true }, a))?.sessionId).toBe(b);
    expect(core.sessions.idleDeadline()).toBe(deadline);
    await core.endSession('idle', a);
    expect(core.sessions.current()?.id).toBe(b);
    const ticketB = core.takeTicket(request, b);
    await expect.poll(() => central.pending('queueState')).toBe(1);
    central.answer('queueState', { queue: 'A', peopleAhead: 0, estimatedWaitMinutes: 0, openWindows: 1 });
    expect((await ticketB).ticketNo).toMatch(/^A/);
    await core.endSession('finished', b);
    expect(core.sessions.current()).toBeNull();
    await close();
  });

  it('drops a data check that answers after the session ended, with nobody at the kiosk', async () => {
    const { core, central, logs, swipe, close } = await rig();
    swipe(A);
    const checkA = core.runDataCheck(CHECK);
    await settle();
    await core.endSession('finished');
    central.answer('dataCheck', confirmed);
    await expect(checkA).rejects.toMatchObject({ code: 'no-session' });
    expect(logs).toHaveLength(1);
    await close();
  });
});
