// Bundles the browser shell's Node side into dist/node/browser-shell.mjs (ESM, run with plain
// `node`), and the demo composition scripts/sim/demo.ts, when it exists, into
// dist/node/demo.mjs: the browser shell loads that one by a computed path in demo mode only,
// so the production bundle carries no simulator code. Native modules stay external. Shared
// and lazily imported code goes to dist/node/<name>-<hash>.mjs chunks.
// The sources each entry can run (its own and its chunks') go to dist/node/<name>.inputs.json,
// which scripts/build.mjs reads to tell whether the bundle is stale.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { sourceUrlPlugin } from './source-url-plugin.mjs';
import { zodEnglishPlugin } from './zod-english-plugin.mjs';

const root = process.cwd();
export const NODE_OUT = 'dist/node';
export const NODE_ENTRIES = { 'browser-shell': 'electron/browser-shell/main.ts', demo: 'scripts/sim/demo.ts' };
/** Packages with native bindings: they stay in node_modules, loaded from there at run time. */
const NATIVE = ['better-sqlite3', 'serialport', '@serialport/stream', '@serialport/bindings-cpp', 'node-hid', '@pokusew/pcsclite', '@napi-rs/canvas'];
const external = [
  ...NATIVE, '@serialport/*',
  // ws loads these optional native accelerators when they are installed.
  'bufferutil', 'utf-8-validate',
];

// The native packages are CommonJS. Imported from an ESM bundle, Node's ESM loader would parse
// each one's source, and every module it re-exports (serialport: eleven), to find its named
// exports, at every start; through require() (the banner's) it only runs them. So an import of
// one becomes a small CommonJS module inside the bundle that requires the external package.
const nativeFilter = new RegExp(`^(${NATIVE.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
const nativesThroughRequire = {
  name: 'natives-through-require',
  setup(build) {
    build.onResolve({ filter: nativeFilter }, (args) =>
      args.namespace === 'native-require' ? { path: args.path, external: true } : { path: args.path, namespace: 'native-require' },
    );
    build.onLoad({ filter: /.*/, namespace: 'native-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

// Source files find their data (SQL migrations, the matter catalog, package.json) with
// `new URL('<relative path>', import.meta.url)`. In a bundle import.meta.url is the bundle's,
// so in that form (only) the base becomes the URL of the source file: the bundles sit two
// folders below the project root (dist/node/), and the data files stay where they are in the
// tree. Any other import.meta.url keeps meaning the bundle (an entry point finds the files
// beside it: dist/renderer, demo.mjs).
const DATA_URL = /new URL\(\s*('[^']*'|"[^"]*")\s*,\s*import\.meta\.url\s*\)/g;
const dataUrlsAtSource = sourceUrlPlugin(root, (contents, source) =>
  contents.replace(DATA_URL, (_, target) => `new URL(${target}, __kioskSourceUrl(${source}))`),
);
// CommonJS dependencies bundled into ESM call require() for Node built-ins: give them one.
const banner = {
  js: [
    "import { createRequire as __kioskCreateRequire } from 'node:module';",
    "import { fileURLToPath as __kioskFileUrlToPath, pathToFileURL as __kioskPathToFileUrl } from 'node:url';",
    "import { dirname as __kioskDirname, join as __kioskJoin } from 'node:path';",
    'const require = __kioskCreateRequire(import.meta.url);',
    "const __kioskRoot = __kioskJoin(__kioskDirname(__kioskFileUrlToPath(import.meta.url)), '..', '..');",
    'const __kioskSourceUrl = (rel) => __kioskPathToFileUrl(__kioskJoin(__kioskRoot, rel)).href;',
  ].join('\n'),
};

/**
 * Builds the bundles in one esbuild run with code splitting: a module both entries use (zod,
 * electron/common) is one shared chunk, parsed and evaluated once when the demo loads beside
 * the shell, and a dynamic import (the fleet link and mqtt, the face matcher) is a chunk of
 * its own, read only when it is first needed. Returns the entry outputs' paths.
 */
export async function buildNodeBundles(names = nodeBundleNames()) {
  const result = await build({
    entryPoints: Object.fromEntries(names.map((name) => [name, NODE_ENTRIES[name]])),
    outdir: NODE_OUT,
    // Chunks sit beside the entries: every output is two folders below the project root.
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external,
    plugins: [dataUrlsAtSource, nativesThroughRequire, zodEnglishPlugin(root)],
    banner,
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  await mkdir(NODE_OUT, { recursive: true });
  // Chunks of earlier builds (their names carry a content hash) would pile up: keep only this build's.
  const current = new Set(Object.keys(outputs).map((file) => path.basename(file)));
  for (const file of await readdir(NODE_OUT)) {
    if (/-[A-Z0-9]{8}\.mjs(\.map)?$/.test(file) && !current.has(file)) await rm(path.join(NODE_OUT, file));
  }
  for (const name of names) {
    const entry = `${NODE_OUT}/${name}.mjs`;
    await writeFile(`${NODE_OUT}/${name}.inputs.json`, JSON.stringify([...closureInputs(outputs, entry)].sort(), null, 1));
    // What the entry reads before its first line runs: the start-up cost (built-kiosk.test.ts checks what is not in it).
    await writeFile(`${NODE_OUT}/${name}.startup-inputs.json`, JSON.stringify([...closureInputs(outputs, entry, { dynamic: false })].sort(), null, 1));
  }
  return names.map((name) => `${NODE_OUT}/${name}.mjs`);
}

/** The sources an entry can ever run: its own output's and those of every chunk it imports, statically or (unless told not to) dynamically. */
function closureInputs(outputs, entry, { dynamic = true } = {}) {
  const inputs = new Set();
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !outputs[file]) return;
    seen.add(file);
    for (const input of Object.keys(outputs[file].inputs)) inputs.add(input);
    for (const imported of outputs[file].imports) {
      if (!imported.external && (dynamic || imported.kind !== 'dynamic-import')) visit(imported.path);
    }
  };
  visit(entry);
  return inputs;
}

/** The bundles to build: the demo one only where its source exists. */
export function nodeBundleNames() {
  return Object.keys(NODE_ENTRIES).filter((name) => existsSync(NODE_ENTRIES[name]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of await buildNodeBundles()) console.log(`built ${file}`);
}
