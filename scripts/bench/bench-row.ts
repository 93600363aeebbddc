/**
 * What a benchmark module returns, and how a cell is written (in the console table and in
 * the README table alike). A row is a flat record of columns; four columns have a fixed
 * meaning, so that every row can say how it compares with what bounds it:
 * - `limit`: the bound the result is compared with, measured or computed in the same run
 *   (the wire time of the bytes, the store's same-run ceiling, the simulator's own ingest);
 * - `ratio`: the result divided by that limit (or its share of the ceiling: the note says which);
 * - `goal`: the goal in words and figures ("≥ 70 % of the ceiling, p99 ≤ 5 ms");
 * - `met`: whether this run met the goal (true / 'yes', false / 'no'; '' or absent: no goal).
 */
export type BenchCell = string | number;

export interface BenchRow {
  [column: string]: BenchCell | boolean | undefined;
  limit?: BenchCell;
  ratio?: BenchCell;
  goal?: string;
  met?: boolean | string;
}

export interface BenchResult {
  rows: BenchRow[];
  /** Goals and how to read the numbers, printed under the table. */
  notes?: string[];
}

export interface BenchModule {
  title: string;
  bench(): Promise<BenchResult>;
}

/** The columns with a fixed meaning, always shown last and in this order. */
export const GOAL_COLUMNS = ['limit', 'ratio', 'goal', 'met'] as const;

/** Whether a row met its goal: true, false, or null when the row has no goal. */
export function metOf(row: BenchRow): boolean | null {
  const met = row.met;
  if (met === true || met === 'yes') return true;
  if (met === false || met === 'no') return false;
  return null;
}

/** A row's columns in display order: the module's own columns first, then limit, ratio, goal, met. */
export function columnsOf(rows: readonly BenchRow[]): string[] {
  const all = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const fixed: readonly string[] = GOAL_COLUMNS;
  return [...all.filter((c) => !fixed.includes(c)), ...GOAL_COLUMNS.filter((c) => all.includes(c))];
}

/** Integers as they are, other numbers with two decimals, booleans as yes/no, nothing as ''. */
export function formatCell(value: BenchCell | boolean | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return value;
}
