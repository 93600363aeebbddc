/** `npm run sim` drives a running kiosk's simulators from another process, as a person trying the kiosk would. */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKiosk, type TestKiosk } from '../support/kiosk.js';

const run = promisify(execFile);

describe('npm run sim', () => {
  let t: TestKiosk;
  let configFile: string;
  const sim = async (...args: string[]) => JSON.parse((await run('npm', ['run', '-s', 'sim', '--', '--config', configFile, ...args], { timeout: 60_000 })).stdout);

  beforeAll(async () => {
    t = await startTestKiosk({}, { printerOutputDir: null });
    configFile = path.join(t.dataDir, 'kiosk.config.json');
    writeFileSync(configFile, JSON.stringify({ ...t.config, dataDir: t.dataDir }));
  });
  afterAll(() => t?.close());

  it('swipes a card that identifies a citizen', async () => {
    expect(await sim('swipe', 'resident-3')).toMatchObject({ ok: true });
    await expect.poll(() => t.kiosk.core.sessions.view()?.citizen.displayName, { timeout: 10_000 }).toBe('王**');
  });

  it('takes the paper out of the printer and puts it back', async () => {
    expect(await sim('paper-out')).toMatchObject({ ok: true, state: { paperOut: true } });
    expect(t.simulators.printer!.controls.state().paperOut).toBe(true);
    expect(await sim('printer-ok')).toMatchObject({ ok: true, state: { paperOut: false } });
  });

  it('scans a code with the code scanner, which the kiosk reports ready', async () => {
    await expect.poll(() => t.kiosk.core.deviceStatuses().find((d) => d.device === 'scanner')?.state, { timeout: 10_000 }).toBe('ready');
    expect(await sim('scan', 'kiosk-ticket', 'AK01-001')).toMatchObject({ ok: true, sent: { kind: 'kiosk-ticket', code: 'https://track.example.gov.cn/hall?kiosk=TEST-K01&t=AK01-001' } });
    expect(await sim('scan', 'passport').catch((e: { stdout: string }) => JSON.parse(e.stdout))).toMatchObject({ ok: false, error: expect.stringMatching(/invalid scanner simulator command/) });
  });

  it('takes the central system down and up', async () => {
    await sim('central-down');
    expect(t.simulators.central!.faults.config.down).toBe(true);
    await sim('central-up');
    expect(t.simulators.central!.faults.config.down).toBe(false);
  });

  it('refuses a caller without the token', async () => {
    const { url } = JSON.parse(readFileSync(path.join(t.dataDir, 'simulators.json'), 'utf8')) as { url: string };
    const res = await fetch(`${url}/control`, { method: 'POST', body: '{"device":"idcard","command":"remove"}' });
    expect(res.status).toBe(401);
  });

  it('speaks one message shape to every simulator and answers a malformed one with a readable error', async () => {
    expect(await sim('raw', '{"device":"printer","command":"set","args":{"offline":true}}')).toMatchObject({ ok: true, state: { offline: true } });
    expect(await sim('printer-ok')).toMatchObject({ ok: true, state: { offline: false } });
    const { url, token } = JSON.parse(readFileSync(path.join(t.dataDir, 'simulators.json'), 'utf8')) as { url: string; token: string };
    const post = (message: unknown) => fetch(`${url}/control`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(message) });
    const old = await post({ op: 'remove' });
    expect(old.status).toBe(400);
    expect(((await old.json()) as { error: string }).error).toMatch(/\{ device: .*command, args \}/);
    const unknown = await post({ device: 'idcard', command: 'eject' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/invalid idcard simulator command.*commands: insert, remove, swipe/);
    expect((await post({ device: 'citizencard', command: 'insert', args: { card: 'zhang-wei', extra: 1 } })).status).toBe(400);
  });

  it("reaches the embedded central simulator's /admin routes with the admin token it was given", async () => {
    const control = JSON.parse(readFileSync(path.join(t.dataDir, 'simulators.json'), 'utf8')) as { central: { url: string; adminToken: string } };
    expect(control.central.adminToken).toBe(t.simulators.central!.adminToken);
    expect((await fetch(`${control.central.url}/admin/stats`)).status).toBe(401);
    expect(await sim('central-admin', 'stats')).toMatchObject({ requestsReceived: expect.any(Number) });
  });
});
