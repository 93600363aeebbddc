/**
 * Identification by code (扫码) through the composed core, every part real but the
 * scanner (scans are injected; the scanner driver has its own PTY tests): the central
 * simulator over HTTP resolves single-use tokens, the SQLite store keeps the tickets,
 * the assurance rule guards the matters. Afterwards the kiosk's data folder and what the
 * core logged hold no token and no plaintext ID number.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';
import { InjectedScanner } from '../support/injected-scanner.js';
import type { SessionView } from '../../electron/common/contract.js';
import type { CodeScanOutcome } from '../../electron/common/code-scan.js';
import type { IssueCodeRequest } from '../../scripts/sim/central/identity-codes.js';
import { buildPopulation } from '../../scripts/sim/central/population.js';

const PREFIX = { 'network-id': 'CTID:', 'social-security-card': 'ESSC:', zlb: 'ZLB:' } as const;
const employee = buildPopulation(Date.now(), 0).find((c) => c.role === 'employee-with-appointment')!;

/** Every file under `dir` (but the central simulator's own folder) that holds one of `secrets`. */
function filesHolding(dir: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name === 'central-sim') continue;
    if (statSync(file).isDirectory()) found.push(...filesHolding(file, secrets));
    else {
      const bytes = readFileSync(file);
      for (const s of secrets) if (bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le'))) found.push(`${file}: ${s.slice(0, 6)}…`);
    }
  }
  return found;
}

describe('identification by code through the core', () => {
  let t: TestKiosk;
  const scanner = new InjectedScanner();
  const sessions: Array<SessionView | null> = [];
  const outcomes: CodeScanOutcome[] = [];
  const tokens: string[] = [];
  const logged: string[] = [];

  beforeAll(async () => {
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    }
    t = await startTestKiosk({}, { printerOutputDir: null, devices: { scanner } });
    t.kiosk.core.events.on('session', (s) => sessions.push(s));
    t.kiosk.core.events.on('codeScan', (o) => outcomes.push(o));
  });
  afterAll(async () => {
    await t?.close();
    vi.restoreAllMocks();
  });

  function issue(request: IssueCodeRequest): string {
    const issued = t.simulators.central!.identityCodes.issue({ assurance: 'substantial', refused: false, issuedMsAgo: 0, ...request });
    tokens.push(issued!.token);
    return `${PREFIX[request.kind]}${issued!.token}`;
  }

  async function scan(text: string): Promise<CodeScanOutcome> {
    const before = outcomes.length;
    scanner.scan(text);
    await expect.poll(() => outcomes.length, { timeout: 10_000 }).toBeGreaterThan(before);
    return outcomes.at(-1)!;
  }

  it('opens a session from a 网证 code with the masked citizen, marked as identified by code, face not yet verified', async () => {
    await expect.poll(() => t.kiosk.forwarder.status().online, { timeout: 10_000 }).toBe(true);
    expect(await scan(issue({ kind: 'network-id', role: 'employee-with-appointment' }))).toEqual({ outcome: 'identified', kind: 'network-id' });
    const view = sessions.at(-1)!;
    expect(view).toMatchObject({ source: 'code', faceVerified: false, citizen: { displayName: '张*', maskedIdNumber: '330***********' + employee.idNumber.slice(-4) } });
    expect(JSON.stringify(view)).not.toContain(employee.idNumber);
    expect(t.kiosk.core.sessions.identityRef(view.sessionId)).toMatch(/^IR-/);
  });

  it('lets a code act on a matter that accepts codes, and asks for the face where the matter demands it', async () => {
    const sessionId = sessions.at(-1)!.sessionId;
    await expect(t.kiosk.core.submitApplication({ matterId: 'pension-qualification', commitments: [], answers: {} }, sessionId)).rejects.toMatchObject({ code: 'needs-face' });
    await expect(t.kiosk.core.runDataCheck({ matterId: 'property-info-sheet', proofType: 'property' }, sessionId)).rejects.toMatchObject({ code: 'needs-face' });
    await expect(t.kiosk.core.submitApplication({ matterId: 'social-insurance-proof', commitments: [], answers: {} }, sessionId)).resolves.toMatchObject({ applications: [{ matterId: 'social-insurance-proof' }] });
    expect(t.kiosk.core.markFaceVerified(sessionId)).toBe(true);
    expect(sessions.at(-1)).toMatchObject({ sessionId, faceVerified: true });
    await expect(t.kiosk.core.submitApplication({ matterId: 'pension-qualification', commitments: [], answers: {} }, sessionId)).resolves.toMatchObject({ applications: [{ matterId: 'pension-qualification' }] });
    // A ticket needs any identification.
    await expect(t.kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null }, sessionId)).resolves.toMatchObject({ queueName: '综合受理窗口' });
    await t.kiosk.core.endSession('finished', sessionId);
  });

  it('answers a code used once already, an expired one, a refused one and an unknown token each with its reason', async () => {
    const text = issue({ kind: 'zlb', role: 'elderly' });
    expect(await scan(text)).toEqual({ outcome: 'identified', kind: 'zlb' });
    await t.kiosk.core.endSession('finished');
    expect(await scan(text)).toEqual({ outcome: 'identity-refused', kind: 'zlb', reason: 'used' });
    expect(await scan(issue({ kind: 'social-security-card', role: 'agent', issuedMsAgo: 61_000 }))).toEqual({ outcome: 'identity-refused', kind: 'social-security-card', reason: 'expired' });
    expect(await scan(issue({ kind: 'network-id', role: 'agent', refused: true }))).toEqual({ outcome: 'identity-refused', kind: 'network-id', reason: 'refused' });
    expect(await scan(`CTID:${'A'.repeat(44)}`)).toEqual({ outcome: 'identity-refused', kind: 'network-id', reason: 'unknown' });
    expect(t.kiosk.core.sessions.current()).toBeNull();
  });

  it('shows the status of its own ticket from its QR and reprints it once per scan', async () => {
    const ticketNo = (await t.kiosk.store.issueTicket({ queue: 'A' })).ticketNo;
    const qr = `${t.config.hall.trackingUrl}?kiosk=${t.config.kioskId}&t=${ticketNo}`;
    expect(await scan(qr)).toMatchObject({ outcome: 'ticket-status', ticket: { ticketNo, queueName: '综合受理窗口', today: true } });
    await expect(t.kiosk.core.reprintScannedTicket(ticketNo)).resolves.toMatchObject({ virtualTicket: { kind: 'ticket' } });
    await expect(t.kiosk.core.reprintScannedTicket(ticketNo)).rejects.toMatchObject({ code: 'unknown-print-job' });
    expect(await scan(`${t.config.hall.trackingUrl}?kiosk=OTHER-K9&t=${ticketNo}`)).toEqual({ outcome: 'ticket-unknown' });
  });

  it('checks in an appointment code with an appointment ticket, and says a code of another kind is not used here', async () => {
    const codes = (await (await fetch(`${t.simulators.central!.url}/admin/appointment-codes`, { headers: { authorization: `Bearer ${t.simulators.central!.adminToken}` } })).json()) as Array<{ role: string; code: string }>;
    const code = codes.find((c) => c.role === 'employee-with-appointment')!.code;
    expect(await scan(code)).toMatchObject({ outcome: 'checked-in', ticket: { priority: 'appointment', queueName: '预约办理窗口' } });
    expect(await scan('https://example.com/some-shop')).toEqual({ outcome: 'not-used-here' });
  });

  it('offline, says codes cannot be checked without sending the token anywhere; the ticket QR still works', async () => {
    const text = issue({ kind: 'network-id', role: 'agent' });
    await t.simulators.central!.faults.apply({ down: true });
    await expect.poll(() => t.kiosk.forwarder.status().online, { timeout: 15_000 }).toBe(false);
    const asked = t.simulators.central!.stats().requestsByRoute['POST /v1/identity/resolve'] ?? 0;
    expect(await scan(text)).toEqual({ outcome: 'offline', kind: 'network-id' });
    expect(t.simulators.central!.stats().requestsByRoute['POST /v1/identity/resolve'] ?? 0).toBe(asked);
    const ticketNo = (await t.kiosk.store.issueTicket({ queue: 'A' })).ticketNo;
    expect(await scan(`${t.config.hall.trackingUrl}?kiosk=${t.config.kioskId}&t=${ticketNo}`)).toMatchObject({ outcome: 'ticket-status' });
    await t.simulators.central!.faults.apply({ down: false });
  });

  it('leaves no token and no plaintext ID number in the data folder, the outcomes or the log', async () => {
    t.kiosk.store.flush();
    const secrets = [...tokens, employee.idNumber];
    expect(filesHolding(t.dataDir, secrets)).toEqual([]);
    const said = [...logged, JSON.stringify(outcomes)].join('\n');
    for (const s of secrets) expect(said).not.toContain(s);
    expect(logged.some((line) => line.includes('network-id code'))).toBe(true);
  });
});
