/**
 * The citizen-facing records (tickets, applications, evaluations, verification results):
 * each written with its outbox row, a per-kiosk sequence number and an idempotency key.
 * Synchronous: the facade runs every method inside one group-commit write.
 */
import { randomUUID } from 'node:crypto';
import type { ApplicationPayload, EvaluationPayload, RecordKind, TicketPayload } from '../../common/central-api.js';
import type { StatementCache } from './database.js';
import type { FieldCipher } from './crypto.js';
import type { Counters } from './counters.js';
import type { AuditLog } from './audit-log.js';
import { outboxContext } from './outbox.js';
import { hallDay } from './hall-day.js';
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

export class RecordWriter {
  constructor(private readonly parts: RecordWriterParts) {}

  issueTicket(input: IssueTicketInput): IssuedTicket {
    const { statements, counters, ticketTag, now, idHash } = this.parts;
    const at = now();
    const day = hallDay(at, this.parts.timeZone);
    const n = counters.bump(`ticket:${day}:${input.queue}`);
    const ticketNo = `${input.queue}${ticketTag}-${String(n).padStart(3, '0')}`;
    const payload: TicketPayload = {
      ticketNo,
      queue: input.queue,
      priority: input.priority ?? 'normal',
      issuedAt: new Date(at).toISOString(),
      idHash: input.idNumber ? idHash(input.idNumber) : null,
      appointmentId: input.appointmentId ?? null,
      matterCategory: input.matterCategory ?? null,
    };
    const { seq, idempotencyKey } = this.enqueue('ticket', payload, null, at);
    statements
      .get(`INSERT INTO tickets (ticket_no, day, queue, priority, id_hash, appointment_id, matter_category, issued_at, outbox_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(ticketNo, day, payload.queue, payload.priority, payload.idHash, payload.appointmentId, payload.matterCategory, payload.issuedAt, seq);
    return { ticketNo, queue: payload.queue, priority: payload.priority, issuedAt: payload.issuedAt, seq, idempotencyKey };
  }

  submitApplication(input: SubmitApplicationInput): AcceptedRecord {
    const { statements, cipher, now } = this.parts;
    const at = now();
    const applicationId = input.applicationId ?? randomUUID();
    const idHash = this.parts.idHash(input.applicant.idNumber);
    const agentIdHash = input.agentIdNumber ? this.parts.idHash(input.agentIdNumber) : null;
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
    statements
      .get(`INSERT INTO applications (application_id, matter_id, matter_version, id_hash, agent_id_hash, proofs, personal_enc, submitted_at, outbox_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(applicationId, input.matterId, input.matterVersion, idHash, agentIdHash, JSON.stringify(input.proofs),
        cipher.encrypt(personal, `application:${applicationId}`), publicPart.submittedAt, seq);
    this.parts.audit.write('kiosk', 'application.store', idHash, applicationId, 'simple matter submission');
    return { id: applicationId, seq, idempotencyKey };
  }

  recordEvaluation(input: EvaluationInput): AcceptedRecord {
    const at = this.parts.now();
    const payload: EvaluationPayload = {
      evaluationId: randomUUID(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      rating: input.rating,
      comment: input.comment ?? null,
      ratedAt: new Date(at).toISOString(),
    };
    const { seq, idempotencyKey } = this.enqueue('evaluation', payload, null, at);
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
        new Date(this.parts.now()).toISOString());
    this.parts.audit.write('kiosk', `${input.method}.result`, idHash, input.id, 'proof satisfaction');
  }

  localApplicationsFor(idNumber: string): Array<{ applicationId: string; matterId: string; state: string; submittedAt: string }> {
    return this.parts.statements
      .get(`SELECT application_id AS applicationId, matter_id AS matterId, state, submitted_at AS submittedAt
            FROM applications WHERE id_hash = ? ORDER BY submitted_at`)
      .all(this.parts.idHash(idNumber)) as Array<{ applicationId: string; matterId: string; state: string; submittedAt: string }>;
  }

  private enqueue(kind: RecordKind, payload: object, personal: object | null, at: number): { seq: number; idempotencyKey: string } {
    const seq = this.parts.counters.bump('outbox_seq');
    // Sequence first so keys grow in index order (cheap appends), UUID so a rebuilt kiosk never reuses one.
    const idempotencyKey = `${this.parts.kioskId}:${String(seq).padStart(10, '0')}:${randomUUID()}`;
    this.parts.statements
      .get(`INSERT INTO outbox (seq, idempotency_key, kind, payload, personal_enc, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(seq, idempotencyKey, kind, JSON.stringify(payload), personal ? this.parts.cipher.encrypt(personal, outboxContext(seq)) : null, at);
    return { seq, idempotencyKey };
  }
}
