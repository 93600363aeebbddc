/**
 * The Debian packages are checked before npm builds a native module, and a user who
 * cannot install them is told what to run instead of getting a compiler error.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = path.join(root, 'scripts/system-deps.sh');

/** Runs system-deps.sh as uid 1000 on a machine where `absent` packages are not installed. */
function runAsUser(absent: string[], ...args: string[]) {
  const bin = mkdtempSync(path.join(tmpdir(), 'system-deps-'));
  const stub = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  stub('id', 'echo 1000');
  // dpkg-query -W -f='${Status}' <pkg>
  stub('dpkg-query', `case " ${absent.join(' ')} " in *" $3 "*) exit 1 ;; esac; printf 'install ok installed'`);
  stub('apt-get', 'echo "apt-get must not run for a normal user" >&2; exit 99');
  const r = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('scripts/system-deps.sh for a normal user', () => {
  it('stops npm install before the native build when the PC/SC headers are missing, with the line to run', () => {
    const r = runAsUser(['libpcsclite-dev', 'chromium'], '--before-build', '--quiet');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('system-deps: run as root:  apt-get install -y --no-install-recommends libpcsclite-dev chromium\n');
    expect(r.stderr).toContain('the native modules cannot be built without libpcsclite-dev');
  });

  it('lets npm install go on when only run-time packages are missing, and still prints the line', () => {
    const r = runAsUser(['chromium'], '--before-build');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('apt-get install -y --no-install-recommends chromium\n');
  });

  it('fails npm test (the default) when anything is missing', () => {
    const r = runAsUser(['socat']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('apt-get install -y --no-install-recommends socat\n');
  });

  it('only warns in --warn mode (the root preinstall, whose output npm shows)', () => {
    const r = runAsUser(['libpcsclite-dev'], '--warn');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('apt-get install -y --no-install-recommends libpcsclite-dev\n');
  });

  it('says nothing with --quiet when all are present, and lists the packages with --list', () => {
    expect(runAsUser([], '--quiet')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const listed = runAsUser([], '--list').stdout.trim().split('\n');
    expect(listed).toEqual(expect.arrayContaining(['libpcsclite-dev', 'g++', 'chromium', 'pcscd']));
  });
});

describe('npm install order (the real .npmrc and scripts/system-deps package)', () => {
  it("runs system-deps.sh before a dependency's install script (where node-gyp builds)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'install-order-'));
    const marker = path.join(dir, 'system-deps-ran');
    // A stand-in for a native module: its install script fails unless system-deps.sh ran first.
    const native = path.join(dir, 'native-module');
    mkdirSync(native);
    writeFileSync(path.join(native, 'package.json'), JSON.stringify({
      name: 'a-native-module', version: '1.0.0',
      scripts: { install: `test -f ${marker} || { echo 'built before system-deps.sh' >&2; exit 1; }` },
    }));
    // Without the npm_config_* of the npm that started vitest (local-prefix would point here).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
    const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: native, env, encoding: 'utf8' });
    expect(packed.status, packed.stderr).toBe(0);
    expect(packed.stdout.trim()).toBe('a-native-module-1.0.0.tgz');

    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'scripts'), { recursive: true });
    cpSync(path.join(root, '.npmrc'), path.join(project, '.npmrc'));
    cpSync(path.join(root, 'scripts/system-deps'), path.join(project, 'scripts/system-deps'), { recursive: true });
    writeFileSync(path.join(project, 'scripts/system-deps.sh'), `[ "$1" = --before-build ] && touch ${marker}\n`);
    const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>; allowScripts: Record<string, boolean>;
    };
    const systemDeps = rootPackage.dependencies['hall-kiosk-system-deps'] ?? 'not a dependency';
    // The root package approves system-deps' preinstall by its relative file: spec. npm 11.19
    // runs an unreviewed script with a warning and cannot match a relative key yet (npm/cli#9901);
    // the approval is what keeps the order once npm blocks unreviewed scripts.
    expect(rootPackage.allowScripts[systemDeps]).toBe(true);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({
      name: 'project', version: '1.0.0', private: true,
      dependencies: { 'a-native-module': `file:../${packed.stdout.trim()}`, 'hall-kiosk-system-deps': systemDeps },
      allowScripts: { [`file:../${packed.stdout.trim()}`]: true, [systemDeps]: true },
    }));

    const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], { cwd: project, env, encoding: 'utf8', timeout: 60_000 });
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
  }, 60_000);
});
