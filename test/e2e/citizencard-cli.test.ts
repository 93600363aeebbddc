/** The installer's CLI as a user runs it: a child process, the serial reader simulator on a real PTY. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = (...args: string[]) => run('npx', ['tsx', 'scripts/device/cli.ts', 'citizen-card', ...args], { cwd: process.cwd(), timeout: 60_000 });

describe('npm run device -- citizen-card', () => {
  it('prints one JSON line per card with the name, birth date and ID number masked', async () => {
    const { stdout } = await cli('--port', '@simulator', '--once', '--timeout', '20');
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const card = JSON.parse(lines[0] as string);
    expect(card).toMatchObject({ cardType: 'social-security', name: '张*', birthDate: '1985-**-**', idNumber: '330***********7318', idNumberValid: true });
    for (const secret of ['330106198503127318', '张伟', '1985-03-12']) expect(stdout).not.toContain(secret);
  });

  it('shows the full ID number with --reveal and reports an unusable card as an error line', async () => {
    const { stdout } = await cli('--port', '@simulator', '--card', 'ma-li', '--once', '--reveal', '--timeout', '20');
    expect(JSON.parse(stdout.trim())).toMatchObject({ name: '马丽', idNumber: '640104199207180020' });
    const failed = await cli('--port', '@simulator', '--card', 'locked', '--once', '--timeout', '20').then(
      () => undefined,
      (err: { code: number; stdout: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(JSON.parse(failed?.stdout.trim() ?? '{}')).toMatchObject({ error: 'card-locked' });
  });

  it('refuses contradictory options with usage', async () => {
    const failed = await cli('--pcsc', 'x', '--port', '/dev/null').then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/give one of --pcsc, --port, --hid/);
  });
});
