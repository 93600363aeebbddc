/**
 * 扫码 through the screens, end to end: the real renderer in Chromium over the browser
 * shell, the central simulator over HTTP resolving single-use tokens, the printer
 * simulator on a PTY. Scans are injected into the core as the scanner device reports
 * them (the scanner driver and its PTY simulator are tested on their own). Afterwards
 * no token and no plaintext ID number is in the kiosk's data folder, its log or the page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectNothingLeft, press, screenshot, startJourneyRig, waitForScreen, type JourneyRig } from './journey-helpers.js';
import { InjectedScanner } from '../support/injected-scanner.js';
import { buildPopulation } from '../../scripts/sim/central/population.js';
import type { IssueCodeRequest } from '../../scripts/sim/central/identity-codes.js';

const PREFIX = { 'network-id': 'CTID:', 'social-security-card': 'ESSC:', zlb: 'ZLB:' } as const;
const employee = buildPopulation(Date.now(), 0).find((c) => c.role === 'employee-with-appointment')!;

/** Files under `dir` (but the central simulator's own folder) holding one of `secrets`. */
function filesHolding(dir: string, secrets: string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (name === 'central-sim') return [];
    if (statSync(file).isDirectory()) return filesHolding(file, secrets);
    const bytes = readFileSync(file);
    return secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le'))).map((s) => `${file}: ${s.slice(0, 6)}…`);
  });
}

describe('identification by code through the screens', () => {
  let rig: JourneyRig;
  const scanner = new InjectedScanner();
  const tokens: string[] = [];
  const logged: string[] = [];
  let ticketQr = '';

  beforeAll(async () => {
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    }
    rig = await startJourneyRig({}, { devices: { scanner } });
  });
  afterAll(async () => {
    await rig?.close();
    vi.restoreAllMocks();
  });

  function code(request: IssueCodeRequest): string {
    const issued = rig.t.simulators.central!.identityCodes.issue({ assurance: 'substantial', refused: false, issuedMsAgo: 0, ...request })!;
    tokens.push(issued.token);
    return `${PREFIX[request.kind]}${issued.token}`;
  }

  it('不带证件？ opens the code step: which codes, where the scanner is', async () => {
    const { page } = rig;
    await press(page, 'go-help');
    await waitForScreen(page, 'help');
    expect(await page.getByTestId('code-kinds').textContent()).toContain('网证');
    expect(await page.locator('.scanner-placement').count()).toBe(1);
    await screenshot(page, 'code-step');
  });

  it('a 网证 code → identified (masked) → a ticket', async () => {
    const { page } = rig;
    scanner.scan(code({ kind: 'network-id', role: 'employee-with-appointment' }));
    await waitForScreen(page, 'citizen-home');
    expect(await page.getByTestId('citizen-name').textContent()).toContain('张*');
    expect(await page.content()).not.toContain(employee.idNumber);
    await press(page, 'one-click-ticket');
    await waitForScreen(page, 'ticket');
    ticketQr = (await page.getByTestId('ticket-qr').getAttribute('data-qr-text'))!;
    expect(ticketQr).toContain('&t=');
    await press(page, 'ticket-done');
    await waitForScreen(page, 'evaluation');
    await press(page, 'eval-skip');
    await expectNothingLeft(rig, ['张伟', employee.idNumber]);
  });

  it('an expired code → a plain message and the next step', async () => {
    const { page } = rig;
    scanner.scan(code({ kind: 'social-security-card', role: 'agent', issuedMsAgo: 61_000 }));
    await waitForScreen(page, 'help');
    expect(await page.getByTestId('code-result').getAttribute('data-outcome')).toBe('identity-refused');
    expect(await page.getByTestId('code-result-message').textContent()).toContain('已过期');
    await screenshot(page, 'code-expired');
    await press(page, 'help-back');
    await waitForScreen(page, 'attract');
  });

  it("the kiosk's own ticket QR → that ticket's status, with a reprint", async () => {
    const { page } = rig;
    const before = rig.t.simulators.printer!.controls.tickets().length;
    scanner.scan(ticketQr);
    await waitForScreen(page, 'help');
    expect(await page.getByTestId('scanned-ticket-number').textContent()).toBe(new URL(ticketQr).searchParams.get('t'));
    expect(await page.getByTestId('scanned-ticket').getAttribute('data-today')).toBe('true');
    await screenshot(page, 'code-ticket-status');
    await press(page, 'scanned-ticket-reprint');
    await expect.poll(() => page.getByTestId('scanned-ticket-printed').getAttribute('data-status'), { timeout: 10_000 }).toBe('printed');
    await expect.poll(() => rig.t.simulators.printer!.controls.tickets().length, { timeout: 10_000 }).toBe(before + 1);
    await press(page, 'help-back');
    await waitForScreen(page, 'attract');
  });

  it('offline → codes cannot be checked now: the card is offered', async () => {
    const { page } = rig;
    rig.t.simulators.central!.faults.apply({ down: true });
    await expect.poll(() => rig.t.kiosk.forwarder.status().online, { timeout: 15_000 }).toBe(false);
    await press(page, 'go-help');
    await expect.poll(() => page.getByTestId('code-offline-now').isVisible(), { timeout: 10_000 }).toBe(true);
    scanner.scan(code({ kind: 'zlb', role: 'agent' }));
    await expect.poll(() => page.getByTestId('code-result').getAttribute('data-outcome'), { timeout: 10_000 }).toBe('offline');
    expect(await page.getByTestId('code-use-card').textContent()).toContain('身份证');
    await screenshot(page, 'code-offline');
    rig.t.simulators.central!.faults.apply({ down: false });
    await press(page, 'help-back');
  });

  it('leaves no token and no plaintext ID number in the data folder, the log or the page', async () => {
    rig.t.kiosk.store.flush();
    const secrets = [...tokens, employee.idNumber];
    expect(filesHolding(rig.t.dataDir, secrets)).toEqual([]);
    const said = [...logged, await rig.page.content()].join('\n');
    for (const s of secrets) expect(said).not.toContain(s);
  });
});
