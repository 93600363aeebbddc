/**
 * The installers' diagnostics CLI against the simulator on a real PTY, run as the
 * installer runs it (a child process through tsx).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdCardSimulator, type RunningIdCardSimulator } from '../../scripts/sim/idcard/index.js';

const exec = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('npx', ['tsx', 'scripts/device/cli.ts', 'idcard', ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('npm run device -- idcard', () => {
  let sim: RunningIdCardSimulator;
  beforeAll(async () => {
    sim = await startIdCardSimulator();
  });
  afterAll(async () => sim?.close());

  it('prints one JSON line per read with the name, ID number and pass number masked', async () => {
    await sim.handleControl({ command: 'insert', args: { card: 'hk-1' } });
    const { code, stdout } = await cli(['--port', sim.devicePath, '--once']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const read = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(read).toMatchObject({ cardType: 'hk-mo-tw-residence', name: '陈**', idNumber: '810***********1230', extra: { passNumber: 'H******78' } });
    for (const secret of ['810000199001011230', '陈大文', 'H12345678']) expect(stdout).not.toContain(secret);
  });

  it('shows the whole ID number with --reveal', async () => {
    await sim.handleControl({ command: 'insert', args: { card: 'resident-2' } });
    const { stdout } = await cli(['--port', sim.devicePath, '--once', '--reveal']);
    expect(JSON.parse(stdout.trim())).toMatchObject({ idNumber: '330102199007042349', birthDate: '1990-07-04' });
  });

  it('--probe prints the SAM status and id', async () => {
    const { code, stdout } = await cli(['--port', sim.devicePath, '--probe']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toMatchObject({ samStatus: { code: 'ok' }, samId: '05 00 01 00 20 26 11 23 00 00 12 34 56 78 9A BC' });
  });

  it('fails clearly when the port does not exist', async () => {
    const { code, stderr } = await cli(['--port', '/nonexistent/ttyUSB9', '--probe']);
    expect(code).toBe(1);
    expect(stderr).toContain('check the cable');
  });
});
