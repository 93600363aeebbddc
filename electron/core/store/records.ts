/**
 * The citizen-facing records (tickets, applications, evaluations, verification results):
 * each written with its outbox row, a per-kiosk sequence number and an idempotency key.
 * Synchronous: the facade runs every method inside one group-commit write. A ticket's or
 * an application's plan (its values) can be computed apart from its SQL (see TicketPlan).
 */
import { randomUUID } from 'node:crypto';
import type { ApplicationPayload, EvaluationPayload, RecordKind, TicketPayload } from '../../common/central-api.js';
import type { StatementCache } from './database.js';
import type { FieldCipher } from './crypto.js';
import type { Counters } from './counters.js';
import type { AuditLog } from './audit-log.js';
import { outboxContext } from './outbox.js';
import { hallDay } from './hall-day.js';
import { isoTime } from './iso-time.js';
import type {
  AcceptedRecord,
  EvaluationInput,
  IssueTicketInput,
  IssuedTicket,
  SubmitApplicationInput,
  VerificationResultInput,
} from './record-types.js';

export interface RecordWriterParts {
  statements: StatementCache;
  cipher: FieldCipher;
  counters: Counters;
  audit: AuditLog;
  idHash: (idNumber: string) => string;
  kioskId: string;
  ticketTag: string;
  timeZone: string;
  now: () => number;
}

/** An outbox row with every value computed. */
export interface OutboxPlan {
  seq: number;
  idempotencyKey: string;
  kind: RecordKind;
  payload: string;
  personalEnc: Buffer | null;
  at: number;
}

/**
 * A record split in two: the plan (numbers, hashes, JSON, encryption) and its SQL. The
 * store runs both in one group-commit write; the store bench runs planned records' SQL
 * alone in one transaction to measure the ceiling of the same writes.
 */
export interface TicketPlan {
  day: string;
  payload: TicketPayload;
  outbox: OutboxPlan;
}
export interface ApplicationPlan {
  publicPart: Omit<ApplicationPayload, 'applicant' | 'answers'>;
  personalEnc: Buffer;
  outbox: OutboxPlan;
}

export class RecordWriter {
  constructor(private readonly parts: RecordWriterParts) {}

  issueTicket(input: IssueTicketInput): IssuedTicket {
    return this.writeTicket(this.planTicket(input));
  }

  /** Everything a ticket's write needs, computed (numbers, hash, payload): no SQL yet. */
  planTicket(input: IssueTicketInput): TicketPlan {
    const { counters, ticketTag, now, idHash } = this.parts;
    const at = now();
    const day = hallDay(at, this.parts.timeZone);
    const n = counters.bump(`ticket:${day}:${input.queue}`);
    const ticketNo = `${input.queue}${ticketTag}-${String(n).padStart(3, '0')}`;
    const payload: TicketPayload = {
      ticketNo,
      queue: input.queue,
      priority: input.priority ?? 'normal',
      issuedAt: isoTime(at),
      idHash: input.idNumber ? idHash(input.idNumber) : null,
      appointmentId: input.appointmentId ?? null,
      matterCategory: input.matterCategory ?? null,
    };
    return { day, payload, outbox: this.planOutbox('ticket', payload, null, at) };
  }

  /** The SQL of a planned ticket: its outbox row and its ticket row. */
  writeTicket({ day, payload, outbox }: TicketPlan): IssuedTicket {
    const seq = this.writeOutbox(outbox);
    this.parts.statements
      .get(`INSERT INTO tickets (ticket_no, day, queue, priority, id_hash, appointment_id, matter_category, issued_at, outbox_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(payload.ticketNo, day, payload.queue, payload.priority, payload.idHash, payload.appointmentId, payload.matterCategory, payload.issuedAt, seq);
    return { ticketNo: payload.ticketNo, queue: payload.queue, priority: payload.priority, issuedAt: payload.issuedAt, seq, idempotencyKey: outbox.idempotencyKey };
  }

  submitApplication(input: SubmitApplicationInput): AcceptedRecord {
    return this.writeApplication(this.planApplication(input));
  }

  /** Everything an application's write needs (hashes, encrypted personal part): no SQL yet. */
  planApplication(input: SubmitApplicationInput): ApplicationPlan {
    const at = this.parts.now();
    const applicationId = input.applicationId ?? randomUUID();
    const personal: Pick<ApplicationPayload, 'applicant' | 'answers'> = {
      applicant: input.applicant,
      answers: input.answers ?? {},
    };
    const publicPart: Omit<ApplicationPayload, 'applicant' | 'answers'> = {
      applicationId,
      matterId: input.matterId,
      matterVersion: input.matterVersion,
      idHash: this.parts.idHash(input.applicant.idNumber),
      agentIdHash: input.agentIdNumber ? this.parts.idHash(input.agentIdNumber) : null,
      proofs: input.proofs,
      submittedAt: isoTime(at),
    };
    const personalJson = JSON.stringify(personal); // one serialisation for both encrypted copies
    return {
      publicPart,
      personalEnc: this.parts.cipher.encryptText(personalJson, `application:${applicationId}`),
      outbox: this.planOutbox('application', publicPart, personalJson, at),
    };
  }

  /** The SQL of a planned application: its outbox row, its application row, its audit row. */
  writeApplication({ publicPart: p, personalEnc, outbox }: ApplicationPlan): AcceptedRecord {
    const seq = this.writeOutbox(outbox);
    this.parts.statements
      .get(`INSERT INTO applications (application_id, matter_id, matter_version, id_hash, agent_id_hash, proofs, personal_enc, submitted_at, outbox_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(p.applicationId, p.matterId, p.matterVersion, p.idHash, p.agentIdHash, JSON.stringify(p.proofs), personalEnc, p.submittedAt, seq);
    this.parts.audit.write('kiosk', 'application.store', p.idHash, p.applicationId, 'simple matter submission');
    return { id: p.applicationId, seq, idempotencyKey: outbox.idempotencyKey };
  }

  recordEvaluation(input: EvaluationInput): AcceptedRecord {
    const at = this.parts.now();
    const payload: EvaluationPayload = {
      evaluationId: randomUUID(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      rating: input.rating,
      comment: input.comment ?? null,
      ratedAt: isoTime(at),
    };
    const { seq, idempotencyKey } = this.enqueue('evaluation', payload, at);
    this.parts.statements
      .get(`INSERT INTO evaluations (evaluation_id, subject_type, subject_id, rating, comment, rated_at, outbox_seq) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(payload.evaluationId, payload.subjectType, payload.subjectId, payload.rating, payload.comment, payload.ratedAt, seq);
    return { id: payload.evaluationId, seq, idempotencyKey };
  }

  recordVerificationResult(input: VerificationResultInput): void {
    const idHash = this.parts.idHash(input.idNumber);
    this.parts.statements
      .get(`INSERT INTO verification_results (id, application_id, id_hash, proof_type, method, state, reference, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET state = excluded.state, reference = excluded.reference, updated_at = excluded.updated_at`)
      .run(input.id, input.applicationId ?? null, idHash, input.proofType, input.method, input.state, input.reference ?? null,
        isoTime(this.parts.now()));
    this.parts.audit.write('kiosk', `${input.method}.result`, idHash, input.id, 'proof satisfaction');
  }

  localApplicationsFor(idNumber: string): Array<{ applicationId: string; matterId: string; state: string; submittedAt: string }> {
    return this.parts.statements
      .get(`SELECT application_id AS applicationId, matter_id AS matterId, state, submitted_at AS submittedAt
            FROM applications WHERE id_hash = ? ORDER BY submitted_at`)
      .all(this.parts.idHash(idNumber)) as Array<{ applicationId: string; matterId: string; state: string; submittedAt: string }>;
  }

  private enqueue(kind: RecordKind, payload: object, at: number): { seq: number; idempotencyKey: string } {
    const plan = this.planOutbox(kind, payload, null, at);
    return { seq: this.writeOutbox(plan), idempotencyKey: plan.idempotencyKey };
  }

  /** `personalJson`: the record's personal part, serialised, encrypted for this outbox row. */
  private planOutbox(kind: RecordKind, payload: object, personalJson: string | null, at: number): OutboxPlan {
    const seq = this.parts.counters.bump('outbox_seq');
    return {
      seq,
      // Sequence first so keys grow in index order (cheap appends), UUID so a rebuilt kiosk never reuses one.
      idempotencyKey: `${this.parts.kioskId}:${String(seq).padStart(10, '0')}:${randomUUID()}`,
      kind,
      payload: JSON.stringify(payload),
      personalEnc: personalJson === null ? null : this.parts.cipher.encryptText(personalJson, outboxContext(seq)),
      at,
    };
  }

  private writeOutbox(plan: OutboxPlan): number {
    this.parts.statements
      .get(`INSERT INTO outbox (seq, idempotency_key, kind, payload, personal_enc, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(plan.seq, plan.idempotencyKey, plan.kind, plan.payload, plan.personalEnc, plan.at);
    return plan.seq;
  }
}
