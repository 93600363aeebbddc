/** What callers hand the store to record, and what it answers once the record is durable. */
import type { EvaluationPayload, ProofRecord, TicketPayload } from '../../common/central-api.js';

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
