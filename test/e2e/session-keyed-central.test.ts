/**
 * Session-keyed results through the real central simulator over HTTP, slowed down: a
 * citizen's data check still in flight when the next citizen swipes is dropped, and
 * the next citizen's application does not borrow it. (The same with a hand-released
 * fake central, and between principals, in electron/core/session-keyed-results.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';
import { centralRecordsForCardHolders } from './journey-helpers.js';
import { buildPopulation } from '../../scripts/sim/central/population.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import type { SessionView } from '../../electron/common/contract.js';

describe('central answers land in the session that asked (HTTP, slow central)', () => {
  let t: TestKiosk;
  const sessions: Array<SessionView | null> = [];

  beforeAll(async () => {
    t = await startTestKiosk({}, { printerOutputDir: null });
    t.simulators.central!.db.seedPopulation([...buildPopulation(Date.now(), 5), ...centralRecordsForCardHolders()], DEV_ID_HASH_KEY);
    t.kiosk.core.events.on('session', (s) => sessions.push(s));
  });

  it('brings the simulated devices to ready', async () => {
    await expect.poll(async () => (await t.kiosk.core.getStatus()).devices.every((d) => d.state === 'ready'), { timeout: 15_000 }).toBe(true);
  });
  afterAll(() => t?.close());

  async function swipe(card: string): Promise<SessionView> {
    const known = new Set(sessions.map((s) => s?.sessionId));
    await t.simulators.idcard!.handleControl({ command: 'swipe', args: { card, holdMs: 300 } });
    await expect.poll(() => sessions.find((s) => s && !known.has(s.sessionId)), { timeout: 10_000 }).toBeDefined();
    return sessions.find((s) => s && !known.has(s.sessionId))!;
  }

  it("drops A's confirmed data check that answers after B swiped; B's application falls back", async () => {
    const central = t.simulators.central!;
    const a = await swipe('resident-1');
    await new Promise((r) => setTimeout(r, 800)); // the card leaves the reader
    central.faults.apply({ latencyMs: [3000, 3000] });
    let checkA: Promise<unknown>;
    try {
      checkA = t.kiosk.core.runDataCheck({ matterId: 'social-insurance-proof', proofType: 'social-insurance' });
      checkA.catch(() => {});
      const b = await swipe('resident-3');
      expect(b.sessionId).not.toBe(a.sessionId);
      await expect(checkA).rejects.toMatchObject({ code: 'no-session' });
    } finally {
      central.faults.apply({}, true);
    }
    const forB = await t.kiosk.core.submitApplication({ matterId: 'social-insurance-proof', commitments: [], answers: {} });
    expect(forB.applications[0]!.proofs[0]).toMatchObject({ satisfiedBy: 'department-verification', fellBack: true });
    // B's own data check, asked in B's session, is B's.
    const checkB = await t.kiosk.core.runDataCheck({ matterId: 'social-insurance-proof', proofType: 'social-insurance' });
    expect(checkB.status).toBe('confirmed');
    const again = await t.kiosk.core.submitApplication({ matterId: 'social-insurance-proof', commitments: [], answers: {} });
    expect(again.applications[0]!.proofs[0]).toMatchObject({ satisfiedBy: 'data-check' });
  });
});
