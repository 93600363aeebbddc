import { describe, expect, it, vi } from 'vitest';
import type { CommandLedger } from './command-ledger.js';
import { CommandRunner, type CommandTargets } from './commands.js';

const NOW = 1_800_000_000_000;

function rig(overrides: Partial<CommandTargets> = {}) {
  const seen = new Set<string>();
  const ledger: CommandLedger = { remember: (id) => (seen.has(id) ? false : (seen.add(id), true)) };
  const audit = vi.fn<(action: string, id: string | null, detail: string) => void>();
  const targets: CommandTargets = {
    setOutOfService: vi.fn(),
    backInService: vi.fn(),
    refreshCatalog: vi.fn(async () => false),
    uploadNow: vi.fn(),
    printTestPage: vi.fn(async () => ({ ok: true, code: 'printed' })),
    setLogLevel: vi.fn(),
    inSession: () => false,
    ...overrides,
  };
  const runner = new CommandRunner({ kioskId: 'K-01', ledger, audit, targets, now: () => NOW });
  const send = (body: object, id = 'cmd-00000001', expiresAt = NOW + 60_000) => runner.run(JSON.stringify({ v: 1, id, expiresAt, ...body }));
  return { runner, audit, targets, send };
}

describe('fleet commands', () => {
  it('runs out-of-service with its message for citizens and answers done', async () => {
    const { send, targets } = rig();
    const result = await send({ command: 'out-of-service', args: { message: { zh: '设备维护中', en: 'Under maintenance' } } });
    expect(result).toEqual({ v: 1, kioskId: 'K-01', id: 'cmd-00000001', command: 'out-of-service', ok: true, code: 'done', detail: null, at: NOW });
    expect(targets.setOutOfService).toHaveBeenCalledWith({ zh: '设备维护中', en: 'Under maintenance' });
  });

  it('refuses a replayed id without acting again', async () => {
    const { send, targets } = rig();
    await send({ command: 'upload-now', args: {} });
    expect(await send({ command: 'upload-now', args: {} })).toMatchObject({ ok: false, code: 'replayed' });
    expect(targets.uploadNow).toHaveBeenCalledTimes(1);
  });

  it('refuses an expired command, and one that claims to live more than a day', async () => {
    const { send, targets } = rig();
    expect(await send({ command: 'print-test-page', args: {} }, 'cmd-expired1', NOW - 1)).toMatchObject({ ok: false, code: 'expired' });
    expect(await send({ command: 'print-test-page', args: {} }, 'cmd-expired2', NOW)).toMatchObject({ ok: false, code: 'expired' });
    expect(await send({ command: 'print-test-page', args: {} }, 'cmd-forever1', NOW + 25 * 3_600_000)).toMatchObject({ ok: false, code: 'invalid' });
    expect(targets.printTestPage).not.toHaveBeenCalled();
  });

  it('refuses malformed messages with a typed result, keeping the id when one can be read', async () => {
    const { runner, send } = rig();
    expect(await runner.run('not json')).toMatchObject({ id: null, command: null, ok: false, code: 'invalid', detail: 'not JSON' });
    expect(await send({ command: 'reboot-now', args: {} }, 'cmd-unknown1')).toMatchObject({ id: 'cmd-unknown1', command: null, code: 'invalid' });
    const badLevel = await send({ command: 'set-log-level', args: { level: 'loud' } }, 'cmd-badlevel');
    expect(badLevel).toMatchObject({ id: 'cmd-badlevel', command: 'set-log-level', code: 'invalid' });
    expect(badLevel.detail).toMatch(/args\.level/);
    expect(await send({ command: 'upload-now', args: {} }, 'short')).toMatchObject({ code: 'invalid' });
  });

  it('refuses a screenshot while a citizen is in session, and says when the shell cannot take one', async () => {
    const screenshot = vi.fn(async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    let inSession = true;
    const { send } = rig({ inSession: () => inSession, screenshot });
    expect(await send({ command: 'screenshot', args: {} }, 'cmd-shot-001')).toMatchObject({ ok: false, code: 'citizen-in-session' });
    expect(screenshot).not.toHaveBeenCalled();
    inSession = false;
    expect(await send({ command: 'screenshot', args: {} }, 'cmd-shot-002')).toMatchObject({ ok: true, screenshot: { mime: 'image/png', base64: 'iVBORw==' } });
    expect(await rig().send({ command: 'screenshot', args: {} })).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('drops a screenshot taken while a citizen arrived: the picture may show them', async () => {
    let inSession = false;
    const screenshot = vi.fn(async () => ((inSession = true), new Uint8Array([0x89, 0x50, 0x4e, 0x47])));
    const result = await rig({ inSession: () => inSession, screenshot }).send({ command: 'screenshot', args: {} });
    expect(screenshot).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ ok: false, code: 'citizen-in-session' });
    expect(result).not.toHaveProperty('screenshot');
  });

  it('reports a failed action as failed with its reason, and a printer failure code', async () => {
    const { send } = rig({ setOutOfService: () => { throw new Error('no service schedule'); }, printTestPage: async () => ({ ok: false, code: 'paper-out' }) });
    expect(await send({ command: 'out-of-service', args: { message: { zh: '维护', en: 'Maintenance' } } }, 'cmd-fail-001')).toMatchObject({ ok: false, code: 'failed', detail: 'no service schedule' });
    expect(await send({ command: 'print-test-page', args: {} }, 'cmd-fail-002')).toMatchObject({ ok: false, code: 'failed', detail: 'paper-out' });
  });

  it('audits every command and its result, refusals included', async () => {
    const { runner, send, audit } = rig();
    await send({ command: 'in-service', args: {} }, 'cmd-audit-01');
    await send({ command: 'in-service', args: {} }, 'cmd-audit-01');
    await runner.run('{');
    expect(audit.mock.calls.map(([action, id, detail]) => [action, id, detail.split(/[,:]/)[0]])).toEqual([
      ['fleet.command.in-service', 'cmd-audit-01', 'received'],
      ['fleet.result.in-service', 'cmd-audit-01', 'ok done'],
      ['fleet.command.in-service', 'cmd-audit-01', 'received'],
      ['fleet.result.in-service', 'cmd-audit-01', 'refused replayed'],
      ['fleet.command.unknown', null, 'received'],
      ['fleet.result.unknown', null, 'refused invalid'],
    ]);
  });
});
