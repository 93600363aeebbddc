/**
 * `npm run -s gen:openapi [-- --check]`: writes assets/api/central.openapi.yaml from the
 * shared zod schemas and the operation list (scripts/openapi). With --check it writes
 * nothing and exits 1 when the committed file differs from what would be generated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { centralOpenApiYaml } from './openapi/central-yaml.js';

export const OPENAPI_FILE = fileURLToPath(new URL('../assets/api/central.openapi.yaml', import.meta.url));

const text = centralOpenApiYaml();
if (process.argv.includes('--check')) {
  const committed = readFileSync(OPENAPI_FILE, 'utf8');
  if (committed !== text) {
    console.error(`${OPENAPI_FILE} is out of date: run \`npm run -s gen:openapi\` and commit it`);
    process.exit(1);
  }
  console.log(`${OPENAPI_FILE} is up to date`);
} else {
  writeFileSync(OPENAPI_FILE, text);
  console.log(`wrote ${OPENAPI_FILE} (${text.length} characters)`);
}
