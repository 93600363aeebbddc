/** The shipped systemd unit runs the built kiosk with plain node, and keeps it running. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const unit = readFileSync(`${root}/assets/systemd/hall-kiosk.service`, 'utf8');
const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

describe('assets/systemd/hall-kiosk.service', () => {
  it('runs the browser-shell bundle of npm run build directly with node: no npm, tsx or build at start', () => {
    const [node, entry, ...args] = value('ExecStart')!.split(' ');
    expect(node).toBe('/usr/bin/node');
    // scripts/build-node.mjs writes this bundle; test/e2e/built-kiosk.test.ts starts it with this command line.
    expect(entry).toBe('dist/node/browser-shell.mjs');
    expect(readFileSync(`${root}/scripts/build-node.mjs`, 'utf8')).toContain("'browser-shell': 'electron/browser-shell/main.ts'");
    // A fixed port, so the installed Chromium policy's allow-list of the bridge origin stays true.
    expect(args).toEqual(['--port', '47801']);
  });

  it('is restarted whenever it exits and stopped with SIGTERM, which the shell handles', () => {
    expect(value('Restart')).toBe('always');
    expect(value('KillSignal')).toBe('SIGTERM');
    expect(readFileSync(`${root}/electron/browser-shell/main.ts`, 'utf8')).toContain("process.on('SIGTERM'");
    expect(value('UMask')).toBe('0077');
  });
});
