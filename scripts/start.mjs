// `npm start`: build what is stale (scripts/build.mjs --stale), then run the built kiosk with
// plain node: the Electron shell when Electron's binary is installed, else the browser shell
// (dist/node/browser-shell.mjs: system Chromium over a loopback bridge). No apt, no tsx here:
// system packages are checked by `npm install`, and systemd runs the built entry directly.
//   npm start [-- --shell browser|electron] [--config file] [--no-browser] [--app]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const shellFlag = argv.indexOf('--shell');
const wanted = shellFlag >= 0 ? argv.splice(shellFlag, 2)[1] : undefined;

function electronBinary() {
  try {
    const binary = require('electron'); // the package's index returns the binary path
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const electron = wanted === 'browser' ? null : electronBinary();
if (wanted === 'electron' && !electron) {
  console.error("Electron's binary is not installed (offline install): use `npm start -- --shell browser`.");
  process.exit(1);
}
try {
  await build(electron ? ['renderer', 'electron'] : ['renderer', 'node'], { onlyStale: true });
} catch (err) {
  console.error(`cannot build the kiosk: ${err.message}`);
  process.exit(1);
}
let child;
if (electron) {
  console.log('starting the Electron shell');
  child = spawn(electron, ['.', ...argv], { stdio: 'inherit' });
} else {
  console.log('starting the browser shell (dist/node/browser-shell.mjs)');
  child = spawn(process.execPath, ['dist/node/browser-shell.mjs', ...argv], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
