/**
 * Group commit: every write asked for in the same tick (or within `windowMs`) runs in
 * one SQLite transaction, so a burst costs one fsync instead of one per record. Each
 * write runs in its own savepoint, so one failing write (a constraint) rejects only its
 * own promise. A promise resolves only after COMMIT returned, i.e. after the fsync of
 * synchronous=FULL: "acknowledged" means durable.
 */
import type { Db } from './database.js';
import { StoreFullError, isDiskFull } from './errors.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  /** 0: flush on the next macrotask (setImmediate); >0: wait up to this long to gather more. */
  windowMs?: number;
  /** Flush at once when this many writes are waiting (bounds latency and memory). */
  maxBatch?: number;
  onDiskFull?: (err: StoreFullError) => void;
  onCommit?: (count: number) => void;
  /** Runs inside the transaction after the writes (e.g. write back cached counters). */
  beforeCommit?: () => void;
  /** The transaction was rolled back: drop state cached by the writes. */
  afterRollback?: () => void;
}

export class GroupCommitter {
  private queue: Job[] = [];
  private timer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private closed = false;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  /** better-sqlite3 transaction wrappers, built once: called inside a transaction, one is a savepoint. */
  private readonly inTransaction: (jobs: Job[], isolated: boolean, outcomes: Outcome[]) => void;
  private readonly inSavepoint: (run: () => unknown) => unknown;

  constructor(
    private readonly db: Db,
    private readonly path: string,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 0;
    this.maxBatch = options.maxBatch ?? 4096;
    this.inTransaction = db.transaction((jobs: Job[], isolated: boolean, outcomes: Outcome[]) => this.runJobs(jobs, isolated, outcomes)).immediate;
    this.inSavepoint = db.transaction((run: () => unknown) => run());
  }

  /** Queues a synchronous write; resolves with its result once committed. */
  write<T>(run: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`kiosk store ${this.path} is closed`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = this.windowMs > 0 ? setTimeout(() => this.flush(), this.windowMs) : setImmediate(() => this.flush());
  }

  /** Commits everything queued now (synchronously). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = null;
    }
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length === 0) return;
    let result = this.commit(jobs, false);
    if (result === 'redo') result = this.commit(jobs, true);
    if (result === 'redo' || result === 'failed') return;
    this.options.onCommit?.(jobs.length);
    jobs.forEach((job, i) => {
      const outcome = result[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
  }

  /**
   * One transaction for all jobs. Optimistic first (no savepoints: they cost two extra
   * statements per write); if a write fails, the attempt is rolled back ('redo') and
   * redone with a savepoint per write so only the failing write is rejected.
   * Disk full (or a failed COMMIT) rejects every job of the group ('failed').
   */
  private commit(jobs: Job[], isolated: boolean): Outcome[] | 'redo' | 'failed' {
    const outcomes: Outcome[] = [];
    try {
      this.inTransaction(jobs, isolated, outcomes);
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.options.afterRollback?.();
      if (!isolated && !isDiskFull(error)) return 'redo';
      const failure = isDiskFull(error) ? new StoreFullError(this.path, error) : error;
      if (failure instanceof StoreFullError) this.options.onDiskFull?.(failure);
      for (const job of jobs) job.reject(failure);
      return 'failed';
    }
  }

  /** The jobs' writes, inside the group's transaction. */
  private runJobs(jobs: Job[], isolated: boolean, outcomes: Outcome[]): void {
    for (const job of jobs) {
      if (!isolated) {
        outcomes.push({ ok: true, value: job.run() });
        continue;
      }
      try {
        outcomes.push({ ok: true, value: this.inSavepoint(job.run) });
        this.options.beforeCommit?.(); // persist cached state so a later failure can drop the cache
      } catch (error) {
        if (isDiskFull(error)) throw error; // dooms the whole transaction
        this.options.afterRollback?.(); // the savepoint undid this write: so must the cache
        outcomes.push({ ok: false, error });
      }
    }
    this.options.beforeCommit?.();
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
