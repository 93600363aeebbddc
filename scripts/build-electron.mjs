// Bundles the Electron main process, the preload and the demo composition into
// dist-electron/ (CommonJS, as Electron loads them). Native modules stay external:
// electron-builder rebuilds them. main.cjs holds no simulator: it loads demo.cjs (the
// simulators, scripts/sim/demo.ts) by a computed path, only for a demo config, and a
// package without demo.cjs refuses one.
import { build } from 'esbuild';
import { sourceUrlPlugin } from './source-url-plugin.mjs';
import { zodEnglishPlugin } from './zod-english-plugin.mjs';

const root = process.cwd();
const external = ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'node-hid', '@pokusew/pcsclite', '@napi-rs/canvas'];

// Source files find their data (SQL migrations, the matter catalog) with
// `new URL('…', import.meta.url)`. A CommonJS bundle has no import.meta, so each file's
// import.meta.url becomes the URL its source had, under the app root (dist-electron/..),
// and electron-builder ships those data files at the same relative paths.
const everyUseAtSource = sourceUrlPlugin(root, (contents, source) => contents.replaceAll('import.meta.url', `__kioskSourceUrl(${source})`));
const banner = {
  js: "const __kioskSourceUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', rel)).href;",
};

// Every bundle: CommonJS files in dist-electron/, as Electron loads them.
const common = { outdir: 'dist-electron', outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' };

const node = { ...common, target: 'node20', sourcemap: true, external, plugins: [everyUseAtSource, zodEnglishPlugin(root)], banner, logOverride: { 'empty-import-meta': 'error' } };
await build({ ...node, entryPoints: { main: 'electron/main/index.ts' } });
await build({ ...node, entryPoints: { demo: 'scripts/sim/demo.ts' } });
await build({
  // A sandboxed preload may require only 'electron': everything else is bundled in.
  ...common,
  entryPoints: { preload: 'electron/preload/preload.ts' },
  target: 'chrome120',
  external: ['electron'],
});
console.log('built dist-electron/main.cjs, dist-electron/preload.cjs and dist-electron/demo.cjs');
