// `npm run build`: everything the kiosk runs, as files plain `node` (or Electron) loads.
//   dist/renderer/            the page (vite)
//   dist/node/*.mjs           the browser shell's Node side, and the demo composition (build-node.mjs)
//   dist-electron/*.cjs       the Electron main process and preload (build-electron.mjs)
//   node scripts/build.mjs [--stale] [renderer|node|electron…]
// --stale builds only the targets older than one of their sources (what `npm start` does first).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildNodeBundles, nodeBundleNames, NODE_OUT } from './build-node.mjs';

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : Infinity);
function newestIn(dir) {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(p) : statSync(p).mtimeMs);
  }
  return newest;
}
const newestOf = (paths) => Math.max(...paths.map((p) => (existsSync(p) && statSync(p).isDirectory() ? newestIn(p) : mtime(p))));
/** Missing outputs count as oldest; a missing source as newest (a rebuild then reports it). */
const oldestOf = (paths) => Math.min(...paths.map((p) => (existsSync(p) ? statSync(p).mtimeMs : -Infinity)));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} failed (${r.status ?? r.signal})`);
}

/** A node bundle's sources: the files esbuild read last time (dependencies: through the lockfile). */
function nodeBundleSources(name) {
  const listed = `${NODE_OUT}/${name}.inputs.json`;
  if (!existsSync(listed)) return [listed];
  const inputs = JSON.parse(readFileSync(listed, 'utf8')).filter((f) => !f.includes('node_modules/'));
  return [...inputs, 'package-lock.json', 'scripts/build-node.mjs'];
}

export const TARGETS = {
  renderer: {
    outputs: () => ['dist/renderer/index.html'],
    sources: () => ['renderer', 'electron/common', 'vite.config.ts', 'package-lock.json'],
    build: () => run('npx', ['vite', 'build', '--logLevel', 'warn']),
  },
  node: {
    outputs: () => nodeBundleNames().map((name) => `${NODE_OUT}/${name}.mjs`),
    sources: () => nodeBundleNames().flatMap(nodeBundleSources),
    build: async () => {
      await buildNodeBundles();
    },
  },
  electron: {
    outputs: () => ['dist-electron/main.cjs', 'dist-electron/preload.cjs'],
    sources: () => ['electron', 'native', 'scripts/sim', 'package-lock.json', 'scripts/build-electron.mjs'],
    build: () => run(process.execPath, ['scripts/build-electron.mjs']),
  },
};

export function isStale(name) {
  const target = TARGETS[name];
  return oldestOf(target.outputs()) < newestOf(target.sources());
}

/** Builds the named targets (all stale ones with onlyStale); returns the names built. */
export async function build(names = Object.keys(TARGETS), { onlyStale = false } = {}) {
  const built = [];
  for (const name of names) {
    if (onlyStale && !isStale(name)) continue;
    console.log(`building ${name}…`);
    await TARGETS[name].build();
    built.push(name);
  }
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const onlyStale = args.includes('--stale');
  const names = args.filter((a) => a !== '--stale');
  const unknown = names.filter((n) => !(n in TARGETS));
  if (unknown.length) {
    console.error(`unknown build target: ${unknown.join(', ')}; known: ${Object.keys(TARGETS).join(', ')}`);
    process.exit(2);
  }
  try {
    const built = await build(names.length ? names : undefined, { onlyStale });
    console.log(built.length ? `built ${built.join(', ')}` : 'everything is up to date');
  } catch (err) {
    console.error(`build failed: ${err.message}`);
    process.exit(1);
  }
}
