/**
 * `npm start` rebuilds the node bundle only when one of the files it was built from changed
 * (scripts/build.mjs --stale), and the bundle runs with plain node. Run in a scratch project
 * so the worktree's dist/ is left alone.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILD = fileURLToPath(new URL('./build.mjs', import.meta.url));

describe('scripts/build.mjs --stale node', () => {
  it('builds when the bundle is missing or a source it read is newer, and not otherwise', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'build-stale-'));
    mkdirSync(path.join(project, 'electron/browser-shell'), { recursive: true });
    mkdirSync(path.join(project, 'scripts'));
    writeFileSync(path.join(project, 'package-lock.json'), '{}');
    writeFileSync(path.join(project, 'scripts/build-node.mjs'), '');
    writeFileSync(path.join(project, 'electron/browser-shell/main.ts'), "import { greeting } from './greeting.js';\nconsole.log(greeting);\n");
    const greeting = path.join(project, 'electron/browser-shell/greeting.ts');
    writeFileSync(greeting, "export const greeting: string = 'built';\n");
    const build = () => spawnSync(process.execPath, [BUILD, '--stale', 'node'], { cwd: project, encoding: 'utf8' }).stdout;

    expect(build()).toContain('building node');
    const bundle = spawnSync(process.execPath, ['dist/node/browser-shell.mjs'], { cwd: project, encoding: 'utf8' });
    expect(bundle.stdout).toBe('built\n');
    expect(build()).toContain('everything is up to date');

    // Edited after the build (both dated back, so the rebuild is newer than the edit). It is
    // only imported by main.ts: a source known through esbuild's metafile.
    const [built, edited] = [new Date(Date.now() - 60_000), new Date(Date.now() - 30_000)];
    utimesSync(path.join(project, 'dist/node/browser-shell.mjs'), built, built);
    utimesSync(greeting, edited, edited);
    expect(build()).toContain('building node');
    expect(build()).toContain('everything is up to date');
  }, 60_000);
});
