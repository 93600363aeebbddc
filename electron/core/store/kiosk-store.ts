/**
 * The kiosk's durable local buffer. Every accepted ticket, application and evaluation
 * is written with its outbox row in one transaction (group-committed), gets a per-kiosk
 * monotonic sequence number and an idempotency key, and resolves only once durable.
 * Personal fields are encrypted; ID numbers are stored only as the hall HMAC hash.
 */
import { randomUUID } from 'node:crypto';
import { statfsSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import type {
  ApplicationPayload,
  EvaluationPayload,
  Matter,
  ProofRecord,
  RecordKind,
  TicketPayload,
} from '../../common/central-api.js';
import { openDatabase, StatementCache, type Db, type Migration } from './database.js';
import { FieldCipher, hashIdNumber, loadOrCreateKeyFile } from './crypto.js';
import { GroupCommitter } from './group-commit.js';
import { mkdirDurable } from './durable-dir.js';
import { OutboxQueries, outboxContext } from './outbox.js';
import type { StoreFullError } from './errors.js';

export interface KioskStoreOptions {
  dataDir: string;
  kioskId: string;
  /** Hall-wide ID hash key (resolveIdHashKey). */
  idHashKey: Buffer;
  /** 32-byte data key (e.g. from the OS keystore); default: dataDir/keys/store.key. */
  storeKey?: Buffer;
  /** Short kiosk tag in ticket numbers (default: last 2 letters/digits of kioskId). */
  ticketTag?: string;
  groupCommitWindowMs?: number;
  /** Backstop: personal data older than this is wiped even if never acknowledged. */
  retentionDays?: number;
  fileName?: string;
  migrations?: Migration[];
  now?: () => number;
}

export type TicketPriority = TicketPayload['priority'];
export interface IssueTicketInput {
  /** Queue letter(s), e.g. 'A' general window, 'V' priority. */
  queue: string;
  priority?: TicketPriority;
  idNumber?: string | null;
  appointmentId?: string | null;
  matterCategory?: string | null;
}
export interface IssuedTicket {
  ticketNo: string;
  queue: string;
  priority: TicketPriority;
  issuedAt: string;
  seq: number;
  idempotencyKey: string;
}
export interface SubmitApplicationInput {
  applicationId?: string;
  matterId: string;
  matterVersion: number;
  applicant: { idNumber: string; name: string; phone?: string };
  agentIdNumber?: string | null;
  proofs: ProofRecord[];
  answers?: Record<string, string>;
}
export interface AcceptedRecord {
  id: string;
  seq: number;
  idempotencyKey: string;
}
export interface EvaluationInput {
  subjectType: EvaluationPayload['subjectType'];
  subjectId: string;
  rating: number;
  comment?: string | null;
}
export interface VerificationResultInput {
  id: string;
  applicationId?: string | null;
  idNumber: string;
  proofType: string;
  method: 'data-check' | 'department-verification';
  state: string;
  reference?: string | null;
}

const DAY_MS = 86_400_000;
/** Hall-local calendar day (China Standard Time, UTC+8, no DST). */
export function hallDay(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

export class KioskStore extends EventEmitter<{ 'disk-full': [StoreFullError]; committed: [number] }> {
  readonly path: string;
  readonly db: Db;
  readonly statements: StatementCache;
  readonly outbox: OutboxQueries;
  private readonly cipher: FieldCipher;
  private readonly committer: GroupCommitter;
  private readonly now: () => number;
  private readonly ticketTag: string;
  /** Counters read once and bumped in memory; written back once per transaction. */
  private readonly counters = new Map<string, { value: number; dirty: boolean }>();

  private constructor(private readonly options: KioskStoreOptions) {
    super();
    mkdirDurable(options.dataDir); // SQLite fsyncs the data folder, never its parent
    this.path = join(options.dataDir, options.fileName ?? 'kiosk.sqlite');
    this.now = options.now ?? Date.now;
    this.ticketTag = options.ticketTag ?? (options.kioskId.replace(/[^A-Za-z0-9]/g, '').slice(-2).toUpperCase() || 'K');
    this.cipher = new FieldCipher(options.storeKey ?? loadOrCreateKeyFile(join(options.dataDir, 'keys', 'store.key')));
    this.db = openDatabase(this.path, options.migrations ? { migrations: options.migrations } : {});
    this.statements = new StatementCache(this.db);
    this.outbox = new OutboxQueries(this.statements, this.cipher);
    this.committer = new GroupCommitter(this.db, this.path, {
      windowMs: options.groupCommitWindowMs ?? 0,
      onDiskFull: (err) => this.emit('disk-full', err),
      onCommit: (n) => this.emit('committed', n),
      beforeCommit: () => this.writeBackCounters(),
      afterRollback: () => this.counters.clear(),
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

  // ------------------------------------------------------------------ writes
  issueTicket(input: IssueTicketInput): Promise<IssuedTicket> {
    return this.committer.write(() => {
      const at = this.now();
      const day = hallDay(at);
      const n = this.bump(`ticket:${day}:${input.queue}`);
      const ticketNo = `${input.queue}${this.ticketTag}-${String(n).padStart(3, '0')}`;
      const payload: TicketPayload = {
        ticketNo,
        queue: input.queue,
        priority: input.priority ?? 'normal',
        issuedAt: new Date(at).toISOString(),
        idHash: input.idNumber ? this.idHash(input.idNumber) : null,
        appointmentId: input.appointmentId ?? null,
        matterCategory: input.matterCategory ?? null,
      };
      const { seq, idempotencyKey } = this.enqueue('ticket', payload, null, at);
      this.statements
        .get(`INSERT INTO tickets (ticket_no, day, queue, priority, id_hash, appointment_id, matter_category, issued_at, outbox_seq)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(ticketNo, day, payload.queue, payload.priority, payload.idHash, payload.appointmentId, payload.matterCategory, payload.issuedAt, seq);
      return { ticketNo, queue: payload.queue, priority: payload.priority, issuedAt: payload.issuedAt, seq, idempotencyKey };
    });
  }

  submitApplication(input: SubmitApplicationInput): Promise<AcceptedRecord> {
    return this.committer.write(() => {
      const at = this.now();
      const applicationId = input.applicationId ?? randomUUID();
      const idHash = this.idHash(input.applicant.idNumber);
      const agentIdHash = input.agentIdNumber ? this.idHash(input.agentIdNumber) : null;
      const personal: Pick<ApplicationPayload, 'applicant' | 'answers'> = {
        applicant: input.applicant,
        answers: input.answers ?? {},
      };
      const publicPart: Omit<ApplicationPayload, 'applicant' | 'answers'> = {
        applicationId,
        matterId: input.matterId,
        matterVersion: input.matterVersion,
        idHash,
        agentIdHash,
        proofs: input.proofs,
        submittedAt: new Date(at).toISOString(),
      };
      const { seq, idempotencyKey } = this.enqueue('application', publicPart, personal, at);
      this.statements
        .get(`INSERT INTO applications (application_id, matter_id, matter_version, id_hash, agent_id_hash, proofs, personal_enc, submitted_at, outbox_seq)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(applicationId, input.matterId, input.matterVersion, idHash, agentIdHash, JSON.stringify(input.proofs),
          this.cipher.encrypt(personal, `application:${applicationId}`), publicPart.submittedAt, seq);
      this.audit('kiosk', 'application.store', idHash, applicationId, 'simple matter submission');
      return { id: applicationId, seq, idempotencyKey };
    });
  }

  recordEvaluation(input: EvaluationInput): Promise<AcceptedRecord> {
    return this.committer.write(() => {
      const at = this.now();
      const payload: EvaluationPayload = {
        evaluationId: randomUUID(),
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        rating: input.rating,
        comment: input.comment ?? null,
        ratedAt: new Date(at).toISOString(),
      };
      const { seq, idempotencyKey } = this.enqueue('evaluation', payload, null, at);
      this.statements
        .get(`INSERT INTO evaluations (evaluation_id, subject_type, subject_id, rating, comment, rated_at, outbox_seq) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(payload.evaluationId, payload.subjectType, payload.subjectId, payload.rating, payload.comment, payload.ratedAt, seq);
      return { id: payload.evaluationId, seq, idempotencyKey };
    });
  }

  recordVerificationResult(input: VerificationResultInput): Promise<void> {
    return this.committer.write(() => {
      const idHash = this.idHash(input.idNumber);
      this.statements
        .get(`INSERT INTO verification_results (id, application_id, id_hash, proof_type, method, state, reference, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT(id) DO UPDATE SET state = excluded.state, reference = excluded.reference, updated_at = excluded.updated_at`)
        .run(input.id, input.applicationId ?? null, idHash, input.proofType, input.method, input.state, input.reference ?? null,
          new Date(this.now()).toISOString());
      this.audit('kiosk', `${input.method}.result`, idHash, input.id, 'proof satisfaction');
    });
  }

  /** Personal-data access log (hash only). Synchronous: call inside or outside a write. */
  audit(actor: string, action: string, idHash: string | null, subject: string | null, purpose: string): void {
    this.statements
      .get(`INSERT INTO audit_log (at, actor, action, id_hash, subject, purpose) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(new Date(this.now()).toISOString(), actor, action, idHash, subject, purpose);
  }

  // ------------------------------------------------------------------ reads
  localApplicationsFor(idNumber: string): Array<{ applicationId: string; matterId: string; state: string; submittedAt: string }> {
    return this.statements
      .get(`SELECT application_id AS applicationId, matter_id AS matterId, state, submitted_at AS submittedAt
            FROM applications WHERE id_hash = ? ORDER BY submitted_at`)
      .all(this.idHash(idNumber)) as Array<{ applicationId: string; matterId: string; state: string; submittedAt: string }>;
  }

  // ------------------------------------------------------------------ catalog
  catalogVersion(): number {
    const row = this.statements.get(`SELECT value FROM meta WHERE key = 'catalog_version'`).get() as { value: string } | undefined;
    return row ? Number(row.value) : -1;
  }

  /** Applies a catalog answer: `full` replaces everything, else merges the delta. */
  applyCatalog(version: number, full: boolean, matters: Matter[]): void {
    this.db.transaction(() => {
      if (full) this.db.exec('DELETE FROM matters');
      const put = this.statements.get(
        `INSERT INTO matters (matter_id, version, body, withdrawn) VALUES (?, ?, ?, ?)
         ON CONFLICT(matter_id) DO UPDATE SET version = excluded.version, body = excluded.body, withdrawn = excluded.withdrawn`,
      );
      for (const m of matters) put.run(m.id, m.version, JSON.stringify(m), m.withdrawn ? 1 : 0);
      this.statements.get(`INSERT OR REPLACE INTO meta (key, value) VALUES ('catalog_version', ?)`).run(String(version));
    }).immediate();
  }

  matters(): Matter[] {
    return (this.statements.get(`SELECT body FROM matters WHERE withdrawn = 0 ORDER BY matter_id`).all() as Array<{ body: string }>).map(
      (r) => JSON.parse(r.body) as Matter,
    );
  }

  // ------------------------------------------------------------------ upkeep
  getSyncState(key: string): string | null {
    const row = this.statements.get(`SELECT value FROM sync_state WHERE key = ?`).get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setSyncState(key: string, value: string): void {
    this.statements.get(`INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)`).run(key, value);
  }

  /** Retention backstop: wipes personal data older than retentionDays; returns rows wiped. */
  purgeExpired(): number {
    const cutoff = this.now() - (this.options.retentionDays ?? 30) * DAY_MS;
    return this.db.transaction(() => {
      const a = this.statements.get(`UPDATE applications SET personal_enc = NULL WHERE personal_enc IS NOT NULL AND submitted_at < ?`)
        .run(new Date(cutoff).toISOString()).changes;
      const o = this.statements.get(
        `UPDATE outbox SET personal_enc = NULL, state = CASE state WHEN 'pending' THEN 'quarantined' ELSE state END,
           last_error = COALESCE(last_error, 'retention expired before delivery') WHERE personal_enc IS NOT NULL AND created_at < ?`,
      ).run(cutoff).changes;
      this.statements.get(`DELETE FROM outbox WHERE state = 'delivered' AND delivered_at < ?`).run(cutoff);
      return a + o;
    }).immediate();
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  /** Free bytes on the data disk (for the status bar). */
  freeBytes(): number {
    const s = statfsSync(this.options.dataDir);
    return s.bavail * s.bsize;
  }

  close(): void {
    this.committer.close();
    this.db.close();
  }

  /** Commits now whatever is waiting (tests, shutdown). */
  flush(): void {
    this.committer.flush();
  }

  // ------------------------------------------------------------------ internals
  private bump(name: string): number {
    let counter = this.counters.get(name);
    if (!counter) {
      const row = this.statements.get('SELECT value FROM counters WHERE name = ?').get(name) as { value: number } | undefined;
      counter = { value: row?.value ?? 0, dirty: false };
      this.counters.set(name, counter);
    }
    counter.value++;
    counter.dirty = true;
    return counter.value;
  }

  private writeBackCounters(): void {
    const put = this.statements.get('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value');
    for (const [name, counter] of this.counters) {
      if (!counter.dirty) continue;
      put.run(name, counter.value);
      counter.dirty = false;
    }
    // Old days' ticket counters are never bumped again: keep the cache small.
    if (this.counters.size > 64) this.counters.clear();
  }

  private enqueue(kind: RecordKind, payload: object, personal: object | null, at: number): { seq: number; idempotencyKey: string } {
    const seq = this.bump('outbox_seq');
    // Sequence first so keys grow in index order (cheap appends), UUID so a rebuilt kiosk never reuses one.
    const idempotencyKey = `${this.options.kioskId}:${String(seq).padStart(10, '0')}:${randomUUID()}`;
    this.statements
      .get(`INSERT INTO outbox (seq, idempotency_key, kind, payload, personal_enc, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(seq, idempotencyKey, kind, JSON.stringify(payload), personal ? this.cipher.encrypt(personal, outboxContext(seq)) : null, at);
    return { seq, idempotencyKey };
  }
}
