/**
 * `npm run -s bench:readme [-- report.json [README.md]]`: regenerates the README's
 * benchmark section from one `npm run bench` run (default var/bench/latest.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_REPORT_PATH } from './bench-report.js';
import { BenchReportError, parseBenchReport, renderBenchSection, replaceBenchSection } from './readme-section.js';

const [reportPath = DEFAULT_REPORT_PATH, readmePath = 'README.md'] = process.argv.slice(2);
try {
  let text: string;
  try {
    text = readFileSync(reportPath, 'utf8');
  } catch (err) {
    throw new BenchReportError(`cannot read ${reportPath} (${(err as NodeJS.ErrnoException).code ?? String(err)}): run \`npm run bench\` first`);
  }
  const report = parseBenchReport(text, reportPath);
  const readme = readFileSync(readmePath, 'utf8');
  writeFileSync(readmePath, replaceBenchSection(readme, renderBenchSection(report)));
  const rows = report.modules.reduce((n, m) => n + m.rows.length, 0);
  console.log(`${readmePath}: benchmark section from ${reportPath} (${report.modules.length} modules, ${rows} rows, run of ${report.machine.date})`);
} catch (err) {
  if (!(err instanceof BenchReportError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
