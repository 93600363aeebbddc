/**
 * `npm run bench`: runs every benchmark module and prints one table each.
 * A benchmark reports medians, percentiles and ratios; none of it is asserted in tests.
 * Each module exports `title` and `bench(): Promise<BenchResult>`.
 */
export interface BenchResult {
  rows: Array<Record<string, string | number>>;
  /** Goals and how to read the numbers, printed under the table. */
  notes?: string[];
}
export interface BenchModule {
  title: string;
  bench(): Promise<BenchResult>;
}

const modules: Record<string, () => Promise<BenchModule>> = {
  idcard: () => import('./idcard.bench.js'),
  printer: () => import('./printer.bench.js'),
  store: () => import('./store.bench.js'),
  sync: () => import('./sync.bench.js'),
  session: () => import('./session.bench.js'),
  startup: () => import('./startup.bench.js'),
  'card-to-screen': () => import('./card-to-screen.bench.js'),
  'page-soak': () => import('./page-soak.bench.js'),
};

function printTable(rows: BenchResult['rows']): void {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : (v ?? '');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c]))));
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in modules));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}; known: ${Object.keys(modules).join(', ')}`);
  process.exit(2);
}
for (const [name, load] of Object.entries(modules)) {
  if (only.length && !only.includes(name)) continue;
  const mod = await load();
  console.log(`\n## ${mod.title}\n`);
  const result = await mod.bench();
  printTable(result.rows);
  for (const note of result.notes ?? []) console.log(`  ${note}`);
}
