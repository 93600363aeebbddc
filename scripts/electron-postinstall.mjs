// Electron's own postinstall downloads its binary, which fails offline and would
// roll back the whole `npm install`. package.json denies that script (allowScripts)
// and this hook tries the download itself, never failing the install: where the
// binary cannot be had, `npm start` uses the browser shell instead.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
let installScript;
try {
  installScript = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  console.log('[postinstall] electron package not installed; the browser shell will be used.');
  process.exit(0);
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !existsSync(installScript)) process.exit(0);

const result = spawnSync(process.execPath, [installScript], { stdio: 'pipe', timeout: 120_000, encoding: 'utf8' });
if (result.status === 0) {
  console.log('[postinstall] Electron binary installed: `npm start` runs the Electron shell.');
} else {
  const reason = (result.stderr || result.error?.message || '').split('\n').find((l) => l.trim()) ?? 'unknown error';
  console.log(`[postinstall] Electron binary not available (${reason.trim()}); \`npm start\` will use the browser shell.`);
}
process.exit(0);
