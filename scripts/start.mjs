// `npm start`: build what is stale, then run the Electron shell when Electron's binary
// is installed, else the browser shell (system Chromium over a loopback bridge).
//   npm start [-- --shell browser|electron] [--config file] [--no-browser] [--app]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const shellFlag = argv.indexOf('--shell');
const wanted = shellFlag >= 0 ? argv.splice(shellFlag, 2)[1] : undefined;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function electronBinary() {
  try {
    const binary = require('electron'); // the package's index returns the binary path
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

run('bash', ['scripts/system-deps.sh', '--quiet']);
const built = 'dist/renderer/index.html';
const sources = Math.max(newestMtime('renderer'), newestMtime('electron/common'), statSync('vite.config.ts').mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('building the renderer…');
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
}

const electron = wanted === 'browser' ? null : electronBinary();
if (wanted === 'electron' && !electron) {
  console.error("Electron's binary is not installed (offline install): use `npm start -- --shell browser`.");
  process.exit(1);
}
let child;
if (electron) {
  run('node', ['scripts/build-electron.mjs']);
  console.log('starting the Electron shell');
  child = spawn(electron, ['.', ...argv], { stdio: 'inherit' });
} else {
  console.log('starting the browser shell (Electron binary not installed)');
  child = spawn(process.execPath, ['--import', 'tsx', 'electron/browser-shell/main.ts', ...argv], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
