/** The shipped systemd unit starts what exists in the repository, and keeps the kiosk running. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const unit = readFileSync(`${root}/assets/systemd/hall-kiosk.service`, 'utf8');
const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

describe('assets/systemd/hall-kiosk.service', () => {
  it('runs the browser shell through the start script that npm start uses', () => {
    const [node, script, ...args] = value('ExecStart')!.split(' ');
    expect(node).toBe('/usr/bin/node');
    expect(existsSync(`${root}/${script}`)).toBe(true);
    expect(args).toEqual(['--shell', 'browser']);
  });

  it('is restarted whenever it exits and stopped with SIGTERM, which the shell handles', () => {
    expect(value('Restart')).toBe('always');
    expect(value('KillSignal')).toBe('SIGTERM');
    expect(readFileSync(`${root}/electron/browser-shell/main.ts`, 'utf8')).toContain("process.on('SIGTERM'");
    expect(value('UMask')).toBe('0077');
  });
});
