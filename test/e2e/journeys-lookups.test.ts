/**
 * Journeys that depend on what the central system knows about a citizen: the ID-card
 * simulator presents the central simulator's named citizens ('hall-…' cards).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';
import type { SessionView } from '../../electron/common/contract.js';

describe('journeys with the central system\'s records', () => {
  let t: TestKiosk;
  const sessions: Array<SessionView | null> = [];

  beforeAll(async () => {
    t = await startTestKiosk({ devices: { citizencard: null } }, { printerOutputDir: null });
    t.kiosk.core.events.on('session', (s) => sessions.push(s));
  });
  afterAll(() => t?.close());

  async function identify(card: string): Promise<SessionView> {
    await t.kiosk.core.endSession('finished');
    const before = sessions.length;
    await t.simulators.idcard!.handleControl({ command: 'insert', args: { card } });
    await expect.poll(() => sessions.slice(before).some((s) => s !== null), { timeout: 10_000 }).toBe(true);
    await t.simulators.idcard!.handleControl({ command: 'remove' });
    await new Promise((r) => setTimeout(r, 250));
    return sessions.at(-1)!;
  }

  it('checks in an appointment (预约签到) and jumps to the appointment queue', async () => {
    await identify('hall-employee-with-appointment');
    const overview = await t.kiosk.core.getCitizenOverview();
    expect(overview.live).toBe(true);
    expect(overview.appointments).toHaveLength(1);
    const ticket = await t.kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: overview.appointments[0]!.appointmentId });
    expect(ticket).toMatchObject({ priority: 'appointment', queueName: '预约办理窗口' });
    await expect(t.kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: 'someone-elses' })).rejects.toMatchObject({ code: 'unknown-appointment' });
  });

  it('confirms a proof by a live data check (数据查验)', async () => {
    const check = await t.kiosk.core.runDataCheck({ matterId: 'social-insurance-proof', proofType: 'social-insurance' });
    expect(check).toMatchObject({ status: 'confirmed', fallback: null, summaryEn: expect.stringMatching(/^Social insurance: active/) });
    expect(check.summary).toMatch(/^参保状态：正常/);
    const submitted = await t.kiosk.core.submitApplication({ matterId: 'social-insurance-proof', commitments: [], answers: {} });
    expect(submitted.applications[0]).toMatchObject({ state: 'accepted', proofs: [{ satisfiedBy: 'data-check', fellBack: false }] });
  });

  it('finds what a citizen turning 60 is entitled to (政策找人)', async () => {
    await identify('hall-turning-60');
    const overview = await t.kiosk.core.getCitizenOverview();
    expect(overview.entitlements.map((e) => e.matterId)).toContain('retirement-bundle');
  });

  it('offers the newborn bundle to a parent', async () => {
    await identify('hall-newborn-father');
    const overview = await t.kiosk.core.getCitizenOverview();
    expect(overview.entitlements.map((e) => e.matterId)).toContain('newborn-bundle');
  });

  it('reports a data check that finds no record and falls back to department verification', async () => {
    await identify('hall-uninsured');
    const check = await t.kiosk.core.runDataCheck({ matterId: 'social-insurance-proof', proofType: 'social-insurance' });
    expect(check).toMatchObject({ status: 'not-found', fallback: 'department-verification' });
  });

  it('grants the green channel by birth date only', async () => {
    await identify('hall-elderly');
    const ticket = await t.kiosk.core.takeTicket({ category: null, priority: 'elderly', appointmentId: null });
    expect(ticket).toMatchObject({ priority: 'elderly', queueName: '绿色通道窗口' });
  });

  it('shows the status of earlier applications when the card is swiped again', async () => {
    await identify('hall-employee-with-appointment');
    await t.kiosk.forwarder.waitUntilDrained(20_000);
    const overview = await t.kiosk.core.getCitizenOverview();
    expect(overview.applications.map((a) => a.matterName)).toContain('社保参保证明');
  });

  it('lets an agent handle eight principals, each kept apart (代办)', async () => {
    await identify('hall-agent');
    await t.kiosk.core.setProxyMode(true);
    for (let i = 1; i <= 8; i += 1) {
      const before = sessions.length;
      await t.simulators.idcard!.handleControl({ command: 'insert', args: { card: `hall-principal-${i}` } });
      await expect.poll(() => sessions.length, { timeout: 10_000 }).toBeGreaterThan(before);
      await t.simulators.idcard!.handleControl({ command: 'remove' });
      await new Promise((r) => setTimeout(r, 250));
      const ticket = await t.kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null });
      expect(ticket.print.status).toBe('printed');
    }
    const view = sessions.at(-1)!;
    expect(view.principals).toHaveLength(8);
    expect(new Set(view.principals.map((p) => p.maskedIdNumber)).size).toBe(8);
    expect(t.kiosk.core.sessions.agentFor()?.name).toBe('周杰');
    await t.kiosk.core.endSession('finished');
    expect(t.kiosk.core.sessions.current()).toBeNull();
  });
});
