// Bundles the Electron main process and the preload into dist-electron/ (CommonJS, as
// Electron loads them). Native modules stay external: electron-builder rebuilds them.
import { build } from 'esbuild';

const external = ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'node-hid', '@pokusew/pcsclite', '@napi-rs/canvas'];

await build({
  entryPoints: { main: 'electron/main/index.ts' },
  outdir: 'dist-electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
await build({
  // A sandboxed preload may require only 'electron': everything else is bundled in.
  entryPoints: { preload: 'electron/preload/preload.ts' },
  outdir: 'dist-electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'chrome120',
  external: ['electron'],
  logLevel: 'warning',
});
console.log('built dist-electron/main.cjs and dist-electron/preload.cjs');
