/**
 * `npm run bench`: runs every benchmark module and prints one table each.
 * A benchmark reports medians, percentiles and ratios; none of it is asserted in tests.
 * Each module exports `title` and `bench(): Promise<BenchResult>` (row schema: bench-row.ts).
 * Every run also writes all rows and the machine to var/bench/latest.json (BENCH_JSON=path
 * to write elsewhere), from which `npm run -s bench:readme` regenerates the README table.
 */
import { DEFAULT_REPORT_PATH, thisMachine, writeReport, type BenchModuleReport } from './bench-report.js';
import { columnsOf, formatCell, type BenchModule, type BenchResult } from './bench-row.js';

export type { BenchCell, BenchModule, BenchResult, BenchRow } from './bench-row.js';

const modules: Record<string, () => Promise<BenchModule>> = {
  idcard: () => import('./idcard.bench.js'),
  printer: () => import('./printer.bench.js'),
  store: () => import('./store.bench.js'),
  sync: () => import('./sync.bench.js'),
  session: () => import('./session.bench.js'),
  startup: () => import('./startup.bench.js'),
  fleet: () => import('./fleet.bench.js'),
  'card-to-screen': () => import('./card-to-screen.bench.js'),
  'page-soak': () => import('./page-soak.bench.js'),
};

function printTable(rows: BenchResult['rows']): void {
  if (rows.length === 0) return;
  const columns = columnsOf(rows);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => formatCell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => formatCell(r[c]))));
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in modules));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}; known: ${Object.keys(modules).join(', ')}`);
  process.exit(2);
}
const reportPath = process.env.BENCH_JSON ?? DEFAULT_REPORT_PATH;
const machine = thisMachine(new Date());
const reports: BenchModuleReport[] = [];
for (const [name, load] of Object.entries(modules)) {
  if (only.length && !only.includes(name)) continue;
  const mod = await load();
  console.log(`\n## ${mod.title}\n`);
  try {
    const result = await mod.bench();
    printTable(result.rows);
    for (const note of result.notes ?? []) console.log(`  ${note}`);
    reports.push({ name, title: mod.title, ...result });
  } catch (err) {
    // One failing module must not cost the others' figures: record it, go on, exit non-zero.
    console.error(`benchmark ${name} failed: ${(err as Error).stack ?? String(err)}`);
    reports.push({ name, title: mod.title, rows: [], error: (err as Error).message });
    process.exitCode = 1;
  }
  writeReport(reportPath, { machine, modules: reports }); // after each module: a long run that dies keeps what it measured
}
console.log(`\nrows of this run: ${reportPath} (README table: npm run -s bench:readme)`);
