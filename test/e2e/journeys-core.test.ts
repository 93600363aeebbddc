/**
 * The citizen journeys through the composed kiosk core, with every part real: the
 * ID-card simulator on a PTY, the printer simulator on a PTY decoding ESC/POS, the
 * central simulator over HTTP, the SQLite store and the forwarder. (The same journeys
 * through the screens are in journey*.test.ts.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';
import type { SessionView } from '../../electron/common/contract.js';

const RESIDENT_1_ID = '330106198503151238';

describe('citizen journeys through the core', () => {
  let t: TestKiosk;
  const sessions: Array<SessionView | null> = [];

  beforeAll(async () => {
    t = await startTestKiosk({}, { printerOutputDir: null });
    t.kiosk.core.events.on('session', (s) => sessions.push(s));
  });
  afterAll(() => t?.close());

  async function identify(card: string): Promise<SessionView> {
    const before = sessions.length;
    await t.simulators.idcard!.handleControl({ command: 'swipe', args: { card } });
    await expect.poll(() => sessions.length, { timeout: 10_000 }).toBeGreaterThan(before);
    return sessions.at(-1)!;
  }

  it('brings every simulated device to ready', async () => {
    await expect.poll(async () => (await t.kiosk.core.getStatus()).devices.map((d) => d.state), { timeout: 15_000 }).toEqual(['ready', 'ready', 'ready', 'ready']);
  });

  it('tells the citizen when a card on the reader cannot be read', async () => {
    const notices: string[] = [];
    const off = t.kiosk.core.events.on('notice', (n) => notices.push(n.code));
    await t.simulators.idcard!.handleControl({ command: 'fail-reads', args: { count: 3 } });
    await t.simulators.idcard!.handleControl({ command: 'insert', args: { card: 'resident-2' } });
    await expect.poll(() => notices, { timeout: 10_000 }).toContain('card-read-failed');
    await t.simulators.idcard!.handleControl({ command: 'remove' });
    off();
    expect(t.kiosk.core.sessions.current()).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
  });

  it('identifies a citizen from a swipe and shows only masked data', async () => {
    const view = await identify('resident-1');
    expect(view.citizen.maskedIdNumber).toBe('330***********1238');
    expect(JSON.stringify(view)).not.toContain(RESIDENT_1_ID);
  });

  it('takes a one-click ticket that the printer simulator decodes', async () => {
    const ticket = await t.kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null });
    expect(ticket.print.status).toBe('printed');
    const [printed] = await t.simulators.printer!.controls.waitForTickets(1, 10_000);
    expect(printed!.text).toContain(ticket.ticketNo);
    expect(printed!.text).toContain('测试市民之家');
    expect(printed!.qrPayloads).toContain(ticket.trackingUrl);
    expect(printed!.qrPayloads.some((q) => q.includes('evaluate='))).toBe(true);
    expect(printed!.text).toContain('好差评');
    expect(printed!.text).not.toContain(RESIDENT_1_ID);
  });

  it('refuses the elderly green channel to a 40-year-old', async () => {
    await expect(t.kiosk.core.takeTicket({ category: null, priority: 'elderly', appointmentId: null })).rejects.toMatchObject({ code: 'not-eligible' });
  });

  it('gives a virtual ticket when the paper is out, loses nothing, and reprints when paper is back', async () => {
    const printer = t.simulators.printer!.controls;
    printer.clearTickets();
    printer.set({ paperOut: true });
    const ticket = await t.kiosk.core.takeTicket({ category: '社保', priority: 'normal', appointmentId: null });
    expect(ticket.print).toMatchObject({ status: 'failed', failure: 'paper-out' });
    expect(ticket.print.virtualTicket.headline).toBe(ticket.ticketNo);
    expect(ticket.print.citizenMessage).toContain('缺纸');
    expect(printer.tickets()).toHaveLength(0);
    printer.reset();
    const again = await t.kiosk.core.reprint(ticket.print.jobId);
    expect(again.status).toBe('printed');
    const [reprinted] = await printer.waitForTickets(1, 10_000);
    expect(reprinted!.text).toContain(ticket.ticketNo);
  });

  it('falls back from a data check to department verification while the centre is down, and forwards later', async () => {
    const central = t.simulators.central!;
    central.faults.apply({ down: true });
    try {
      const check = await t.kiosk.core.runDataCheck({ matterId: 'social-insurance-proof', proofType: 'social-insurance' });
      expect(check).toMatchObject({ status: 'unavailable', fallback: 'department-verification' });
      const submission = await t.kiosk.core.submitApplication({ matterId: 'social-insurance-proof', commitments: [], answers: {} });
      expect(submission.applications[0]!.proofs[0]).toMatchObject({ satisfiedBy: 'department-verification', fellBack: true });
      expect(submission.print.status).toBe('printed');
    } finally {
      central.faults.apply({}, true);
    }
    await t.kiosk.forwarder.waitUntilDrained(20_000);
    expect(central.stats().uniqueEffects.application).toBe(1);
    expect(central.stats().uniqueEffects.ticket).toBe(2);
  });

  it('records a commitment only when the citizen confirmed it, and prints it on the receipt', async () => {
    const printer = t.simulators.printer!.controls;
    printer.clearTickets();
    const refused = t.kiosk.core.submitApplication({ matterId: 'student-loan-hardship', commitments: [], answers: {} });
    await expect(refused).rejects.toBeInstanceOf(Error);
    await expect(refused).rejects.toMatchObject({ code: 'commitment-required' });
    const ok = await t.kiosk.core.submitApplication({ matterId: 'student-loan-hardship', commitments: ['financial-hardship'], answers: {} });
    expect(ok.applications[0]!.proofs[0]).toMatchObject({ satisfiedBy: 'commitment', fellBack: false });
    const [receipt] = await printer.waitForTickets(1, 10_000);
    expect(receipt!.text).toContain(ok.applications[0]!.applicationNo);
    expect(receipt!.text.replace(/\s/g, '')).toContain('本人承诺');
  });

  it('fans a 一件事 bundle out to one application per department matter', async () => {
    const matters = await t.kiosk.core.listMatters();
    const bundle = matters.find((m) => m.id === 'newborn-bundle')!;
    const commitments = [...new Set(bundle.bundleOf!.flatMap((id) => matters.find((m) => m.id === id)!.proofs.map((p) => p.proofType)))];
    const outcome = await t.kiosk.core.submitApplication({ matterId: 'newborn-bundle', commitments, answers: { babyName: '张小宝' } });
    expect(outcome.bundle).toBe(true);
    expect(outcome.applications.map((a) => a.matterId)).toEqual(bundle.bundleOf);
    await t.kiosk.forwarder.waitUntilDrained(20_000);
    expect(t.simulators.central!.stats().uniqueEffects.application).toBe(2 + bundle.bundleOf!.length);
  });

  it('ends the session and forgets the citizen', async () => {
    await t.kiosk.core.endSession('finished');
    expect(sessions.at(-1)).toBeNull();
    expect(t.kiosk.core.sessions.current()).toBeNull();
    await expect(t.kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null })).rejects.toMatchObject({ code: 'no-session' });
  });

  it('leaves no plaintext ID number, name or address in the kiosk database, its WAL or shared memory', () => {
    const db = path.join(t.dataDir, 'kiosk.sqlite');
    const secrets = [RESIDENT_1_ID, '张三', '文三路1号'].map((s) => Buffer.from(s, 'utf8'));
    const files = [db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of secrets) expect(bytes.includes(secret), `${file} holds ${secret.toString()}`).toBe(false);
    }
  });
});
