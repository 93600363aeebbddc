/**
 * The kiosk's durable local buffer, one facade over the parts of the SQLite file: the
 * citizen-facing records with their outbox rows (records.ts), the audit log, the matter
 * catalog, the forwarder's sync state, the retention backstop, the maintenance lockout.
 * Every record is group-committed and resolves only once durable. Personal fields are
 * encrypted; ID numbers are stored only as the hall HMAC hash.
 */
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import type { Matter } from '../../common/central-api.js';
import { openDatabase, StatementCache, type Db, type Migration } from './database.js';
import { FieldCipher, hashIdNumber, loadOrCreateKeyFile } from './crypto.js';
import { GroupCommitter } from './group-commit.js';
import { mkdirDurable } from './durable-dir.js';
import { OutboxQueries } from './outbox.js';
import type { StoreFullError } from './errors.js';
import { Counters } from './counters.js';
import { AuditLog } from './audit-log.js';
import { RecordWriter } from './records.js';
import { CatalogTable } from './catalog-table.js';
import { SyncStateTable } from './sync-state.js';
import { DEFAULT_RETENTION_DAYS, Retention } from './retention.js';
import { MaintenanceLockoutTable } from './maintenance-lockout.js';
import { freeBytes } from './disk-space.js';
import { DEFAULT_HALL_TIME_ZONE } from '../../common/time-zone.js';
import type {
  AcceptedRecord,
  EvaluationInput,
  IssueTicketInput,
  IssuedTicket,
  SubmitApplicationInput,
  VerificationResultInput,
} from './record-types.js';

export type * from './record-types.js';
export { hallDay } from './hall-day.js';

export interface KioskStoreOptions {
  dataDir: string;
  kioskId: string;
  /** Hall-wide ID hash key (resolveIdHashKey). */
  idHashKey: Buffer;
  /** 32-byte data key (e.g. from the OS keystore); default: dataDir/keys/store.key. */
  storeKey?: Buffer;
  /** Short kiosk tag in ticket numbers (default: last 2 letters/digits of kioskId). */
  ticketTag?: string;
  /** The hall's IANA time zone: ticket numbers restart on its calendar day (default Asia/Shanghai). */
  timeZone?: string;
  groupCommitWindowMs?: number;
  /** Backstop: personal data and ID-hash links older than this are wiped even if never acknowledged. */
  retentionDays?: number;
  fileName?: string;
  migrations?: Migration[];
  now?: () => number;
}

export class KioskStore extends EventEmitter<{ 'disk-full': [StoreFullError]; committed: [number] }> {
  readonly path: string;
  readonly db: Db;
  readonly statements: StatementCache;
  readonly outbox: OutboxQueries;
  /** The maintenance pad's wrong-PIN count and lockout. */
  readonly maintenanceLockout: MaintenanceLockoutTable;
  private readonly committer: GroupCommitter;
  private readonly auditLog: AuditLog;
  private readonly records: RecordWriter;
  private readonly catalog: CatalogTable;
  private readonly syncState: SyncStateTable;
  private readonly retention: Retention;

  private constructor(private readonly options: KioskStoreOptions) {
    super();
    mkdirDurable(options.dataDir); // SQLite fsyncs the data folder, never its parent
    this.path = join(options.dataDir, options.fileName ?? 'kiosk.sqlite');
    const now = options.now ?? Date.now;
    const cipher = new FieldCipher(options.storeKey ?? loadOrCreateKeyFile(join(options.dataDir, 'keys', 'store.key')));
    this.db = openDatabase(this.path, options.migrations ? { migrations: options.migrations } : {});
    this.statements = new StatementCache(this.db);
    this.outbox = new OutboxQueries(this.statements, cipher);
    this.maintenanceLockout = new MaintenanceLockoutTable(this.statements);
    this.auditLog = new AuditLog(this.statements, now);
    this.catalog = new CatalogTable(this.db, this.statements);
    this.syncState = new SyncStateTable(this.statements);
    this.retention = new Retention(this.db, this.statements, options.retentionDays ?? DEFAULT_RETENTION_DAYS, now);
    const counters = new Counters(this.statements);
    this.records = new RecordWriter({
      statements: this.statements,
      cipher,
      counters,
      audit: this.auditLog,
      idHash: (idNumber) => this.idHash(idNumber),
      kioskId: options.kioskId,
      ticketTag: options.ticketTag ?? (options.kioskId.replace(/[^A-Za-z0-9]/g, '').slice(-2).toUpperCase() || 'K'),
      timeZone: options.timeZone ?? DEFAULT_HALL_TIME_ZONE,
      now,
    });
    this.committer = new GroupCommitter(this.db, this.path, {
      windowMs: options.groupCommitWindowMs ?? 0,
      onDiskFull: (err) => this.emit('disk-full', err),
      onCommit: (n) => this.emit('committed', n),
      beforeCommit: () => counters.writeBack(),
      afterRollback: () => counters.forget(),
    });
  }

  static open(options: KioskStoreOptions): KioskStore {
    return new KioskStore(options);
  }

  get kioskId(): string {
    return this.options.kioskId;
  }

  idHash(idNumber: string): string {
    return hashIdNumber(idNumber, this.options.idHashKey);
  }

  // ------------------------------------------------------------------ records (group-committed)
  issueTicket(input: IssueTicketInput): Promise<IssuedTicket> {
    return this.committer.write(() => this.records.issueTicket(input));
  }

  submitApplication(input: SubmitApplicationInput): Promise<AcceptedRecord> {
    return this.committer.write(() => this.records.submitApplication(input));
  }

  recordEvaluation(input: EvaluationInput): Promise<AcceptedRecord> {
    return this.committer.write(() => this.records.recordEvaluation(input));
  }

  recordVerificationResult(input: VerificationResultInput): Promise<void> {
    return this.committer.write(() => this.records.recordVerificationResult(input));
  }

  localApplicationsFor(idNumber: string): Array<{ applicationId: string; matterId: string; state: string; submittedAt: string }> {
    return this.records.localApplicationsFor(idNumber);
  }

  /** Personal-data access log (hash only). Synchronous: call inside or outside a write. */
  audit(actor: string, action: string, idHash: string | null, subject: string | null, purpose: string): void {
    this.auditLog.write(actor, action, idHash, subject, purpose);
  }

  // ------------------------------------------------------------------ catalog
  catalogVersion(): number {
    return this.catalog.version();
  }

  /** Applies a catalog answer: `full` replaces everything, else merges the delta. */
  applyCatalog(version: number, full: boolean, matters: Matter[]): void {
    this.catalog.apply(version, full, matters);
  }

  matters(): Matter[] {
    return this.catalog.matters();
  }

  // ------------------------------------------------------------------ upkeep
  getSyncState(key: string): string | null {
    return this.syncState.get(key);
  }

  setSyncState(key: string, value: string): void {
    this.syncState.set(key, value);
  }

  /** Retention backstop (retention.ts): returns how many records lost their personal data. */
  purgeExpired(): number {
    return this.retention.purgeExpired();
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  /** Free bytes on the data disk (for the status bar). */
  freeBytes(): number {
    return freeBytes(this.options.dataDir);
  }

  close(): void {
    this.committer.close();
    this.db.close();
  }

  /** Commits now whatever is waiting (tests, shutdown). */
  flush(): void {
    this.committer.flush();
  }
}
