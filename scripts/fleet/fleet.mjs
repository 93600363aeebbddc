// `npm run -s fleet -- …`: runs the fleet CLI from its bundle, dist/node/fleet-cli.mjs, with
// plain `node` (starting tsx costs seconds on a loaded machine; the CLI's goal is 2 s for a
// whole `status`). Builds the bundle first when it is missing or older than one of the
// files esbuild read for it last time (dist/node/fleet-cli.inputs.json), as build.mjs does.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(root, 'dist/node/fleet-cli.mjs');
const inputs = path.join(root, 'dist/node/fleet-cli.inputs.json');

function stale() {
  if (!existsSync(bundle) || !existsSync(inputs)) return true;
  const built = statSync(bundle).mtimeMs;
  const sources = JSON.parse(readFileSync(inputs, 'utf8')).filter((f) => !f.includes('node_modules/'));
  return [...sources, 'package-lock.json', 'scripts/build-node.mjs'].some((file) => {
    const p = path.join(root, file);
    return !existsSync(p) || statSync(p).mtimeMs > built;
  });
}

if (stale()) {
  // esbuild only when needed: most runs start straight from the bundle.
  const { buildNodeBundle } = await import('../build-node.mjs');
  const cwd = process.cwd();
  process.chdir(root);
  await buildNodeBundle('fleet-cli');
  process.chdir(cwd);
}
await import(pathToFileURL(bundle).href);
