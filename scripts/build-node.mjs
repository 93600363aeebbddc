// Bundles the browser shell's Node side into dist/node/browser-shell.mjs (ESM, run with plain
// `node`), and the demo composition scripts/sim/demo.ts, when it exists, into
// dist/node/demo.mjs: the browser shell loads that one by a computed path in demo mode only,
// so the production bundle carries no simulator code. Native modules stay external.
// Each bundle's esbuild metafile inputs go to dist/node/<name>.inputs.json, which
// scripts/build.mjs reads to tell whether the bundle is stale.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { sourceUrlPlugin } from './source-url-plugin.mjs';

const root = process.cwd();
export const NODE_OUT = 'dist/node';
export const NODE_ENTRIES = { 'browser-shell': 'electron/browser-shell/main.ts', demo: 'scripts/sim/demo.ts' };
const external = [
  'better-sqlite3', 'serialport', '@serialport/*', 'node-hid', '@pokusew/pcsclite', '@napi-rs/canvas',
  // ws loads these optional native accelerators when they are installed.
  'bufferutil', 'utf-8-validate',
];

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

/** Builds one bundle; returns its output path. */
export async function buildNodeBundle(name) {
  const entry = NODE_ENTRIES[name];
  const outfile = `${NODE_OUT}/${name}.mjs`;
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external,
    plugins: [dataUrlsAtSource],
    banner,
    metafile: true,
    logLevel: 'warning',
  });
  await mkdir(NODE_OUT, { recursive: true });
  await writeFile(`${NODE_OUT}/${name}.inputs.json`, JSON.stringify(Object.keys(result.metafile.inputs).sort(), null, 1));
  return outfile;
}

/** The bundles to build: the demo one only where its source exists. */
export function nodeBundleNames() {
  return Object.keys(NODE_ENTRIES).filter((name) => existsSync(NODE_ENTRIES[name]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of nodeBundleNames()) console.log(`built ${await buildNodeBundle(name)}`);
}
