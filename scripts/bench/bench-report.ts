/**
 * One `npm run bench` run as JSON (var/bench/latest.json): the machine it ran on and
 * every module's rows and notes. The README's benchmark section is generated from this
 * file (readme-table.ts), so the figures there come from one run, not from memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { BenchResult } from './bench-row.js';

export interface BenchMachine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** When the run started (ISO 8601, UTC). */
  date: string;
}

export interface BenchModuleReport extends BenchResult {
  /** The module's name in `npm run bench -- <name>`. */
  name: string;
  title: string;
  /** The module threw: its message (rows are then empty). */
  error?: string;
}

export interface BenchReport {
  machine: BenchMachine;
  modules: BenchModuleReport[];
}

export const DEFAULT_REPORT_PATH = 'var/bench/latest.json';

export function thisMachine(startedAt: Date): BenchMachine {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: startedAt.toISOString(),
  };
}

export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
