/**
 * The installers' scanner CLI against the scanner simulator on a real PTY, run as the
 * installer runs it (a child process through tsx): the kind and length of each code,
 * the text only with --reveal.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScannerSimulator, type RunningScannerSimulator } from '../../scripts/sim/scanner/index.js';
import { until } from '../support/until.js';

interface Run {
  stdout: string;
  stderr: string;
  exited: Promise<number>;
}

function cli(args: string[]): Run {
  const child = spawn('npx', ['tsx', 'scripts/device/cli.ts', 'scanner', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = { stdout: '', stderr: '', exited: new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1))) };
  child.stdout.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
  return run;
}

describe('npm run device -- scanner', () => {
  let sim: RunningScannerSimulator;
  beforeAll(async () => {
    sim = await startScannerSimulator({ terminator: 'crlf' });
  });
  afterAll(async () => sim?.close());

  it('prints the kind and length of a code, never its token', async () => {
    const run = cli(['--port', sim.devicePath, '--terminator', 'crlf', '--once', '--timeout', '50']);
    await until(() => run.stderr.includes('scanner ready'), 'the CLI ready', { timeoutMs: 40_000 });
    const reply = await sim.handleControl({ command: 'scan', args: { kind: 'network-id' } });
    if (!reply.ok) throw new Error(reply.error);
    const code = reply.sent!.code;
    expect(await run.exited).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ kind: 'network-id', length: code.length });
    expect(run.stdout + run.stderr).not.toContain(code.slice('CTID:'.length));
  }, 60_000);

  it('prints the text with --reveal', async () => {
    const run = cli(['--port', sim.devicePath, '--terminator', 'crlf', '--once', '--reveal', '--timeout', '50']);
    await until(() => run.stderr.includes('scanner ready'), 'the CLI ready', { timeoutMs: 40_000 });
    await sim.handleControl({ command: 'scan', args: { kind: 'appointment', value: 'AP-2026-12-02-3fa9c1-0' } });
    expect(await run.exited).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ kind: 'appointment', length: 22, text: 'AP-2026-12-02-3fa9c1-0' });
  }, 60_000);

  it('refuses a terminator it does not know, naming the choices', async () => {
    const run = cli(['--port', sim.devicePath, '--terminator', 'nul']);
    expect(await run.exited).toBe(2);
    expect(run.stderr).toMatch(/--terminator takes cr, lf, crlf, any/);
  }, 60_000);
});
