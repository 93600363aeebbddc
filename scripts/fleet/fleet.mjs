// `npm run -s fleet -- …`: runs the fleet CLI from its bundle, dist/node/fleet-cli.mjs, with
// plain `node` (starting tsx costs seconds on a loaded machine; the CLI's goal is 2 s for a
// whole `status`). Builds the bundle first when it is missing or older than one of the
// files esbuild read for it last time (dist/node/fleet-cli.inputs.json). One file, no
// chunks: the CLI is its own program, apart from the kiosk's bundles (scripts/build-node.mjs).
import { existsSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(root, 'dist/node/fleet-cli.mjs');
const inputs = path.join(root, 'dist/node/fleet-cli.inputs.json');

function stale() {
  if (!existsSync(bundle) || !existsSync(inputs)) return true;
  const built = statSync(bundle).mtimeMs;
  const sources = JSON.parse(readFileSync(inputs, 'utf8')).filter((f) => !f.includes('node_modules/'));
  return [...sources, 'package-lock.json', 'scripts/fleet/fleet.mjs'].some((file) => {
    const p = path.join(root, file);
    return !existsSync(p) || statSync(p).mtimeMs > built;
  });
}

/** Each file written whole (a temporary name, then rename): a CLI started meanwhile never reads half a bundle. */
function writeWhole(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

async function build() {
  // esbuild only when needed: most runs start straight from the bundle.
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: ['scripts/fleet/cli.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // CommonJS dependencies (mqtt's) bundled into ESM call require() for Node built-ins: give them one.
    banner: { js: "import { createRequire as __fleetCreateRequire } from 'node:module';\nconst require = __fleetCreateRequire(import.meta.url);" },
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(path.dirname(bundle), { recursive: true });
  for (const file of result.outputFiles) writeWhole(file.path, file.contents);
  writeWhole(inputs, JSON.stringify(Object.keys(result.metafile.inputs).sort(), null, 1));
}

if (stale()) await build();
await import(pathToFileURL(bundle).href);
