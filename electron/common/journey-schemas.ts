/**
 * Shapes of the citizen's journeys as they cross to the renderer (issue 7): tickets,
 * matters, data checks, applications, look-ups, evaluation. Personal data never
 * appears here beyond the masked view in contract.ts.
 */
import { z } from 'zod';
import { matter, proofSatisfaction, proofType, entitlement, appointment } from './central-api.js';

export const ticketPrioritySchema = z.enum(['normal', 'elderly', 'disabled', 'pregnant', 'appointment']);
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;

export const takeTicketRequestSchema = z.object({
  /** null: 无差别全科受理, the next general window; else the category the citizen chose. */
  category: z.string().max(32).nullable(),
  /** 绿色通道: elderly is granted by birth date only; disabled / pregnant are declared by the citizen. */
  priority: z.enum(['normal', 'elderly', 'disabled', 'pregnant']),
  /** 预约签到: the appointment reported by the central system for this citizen today. */
  appointmentId: z.string().max(64).nullable(),
});
export type TakeTicketRequest = z.infer<typeof takeTicketRequestSchema>;

export const virtualTicketSchema = z.object({
  kind: z.enum(['ticket', 'receipt']),
  headline: z.string(),
  title: z.string(),
  lines: z.array(z.string()),
  qrPayload: z.string(),
});

/** The outcome of a print: the paper, or the virtual ticket on screen and a reprint button. */
export const printViewSchema = z.object({
  jobId: z.string(),
  status: z.enum(['printed', 'failed']),
  failure: z.enum(['offline', 'cover-open', 'paper-out', 'cutter-error', 'error', 'no-printer']).nullable(),
  citizenMessage: z.string().nullable(),
  virtualTicket: virtualTicketSchema,
});
export type PrintView = z.infer<typeof printViewSchema>;

export const ticketOutcomeSchema = z.object({
  ticketNo: z.string(),
  queueName: z.string(),
  priority: ticketPrioritySchema,
  peopleAhead: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative(),
  /** False when people-ahead is an estimate from the last known queue (offline). */
  queueLive: z.boolean(),
  issuedAt: z.number(),
  trackingUrl: z.string(),
  print: printViewSchema,
});
export type TicketOutcome = z.infer<typeof ticketOutcomeSchema>;

export const matterViewSchema = matter;
export type MatterView = z.infer<typeof matterViewSchema>;

export const dataCheckViewSchema = z.object({
  matterId: z.string(),
  proofType,
  /** 'unavailable': the central system could not be asked (offline): the matter's fallback applies. */
  status: z.enum(['confirmed', 'not-found', 'unavailable']),
  summary: z.string(),
  summaryEn: z.string().nullable(),
  /** How the proof will be satisfied when the check did not confirm it. */
  fallback: z.enum(['commitment', 'department-verification']).nullable(),
});
export type DataCheckView = z.infer<typeof dataCheckViewSchema>;

export const submitApplicationRequestSchema = z.object({
  matterId: z.string().max(64),
  /** Proof types whose commitment (告知承诺) the citizen confirmed by the deliberate gesture. */
  commitments: z.array(proofType).max(16),
  answers: z.record(z.string().max(64), z.string().max(500)),
});
export type SubmitApplicationRequest = z.infer<typeof submitApplicationRequestSchema>;

export const proofOutcomeSchema = z.object({
  proofType,
  formerProof: z.string(),
  formerProofEn: z.string().nullable(),
  satisfiedBy: proofSatisfaction,
  /** True when the check could not be made and the matter's fallback was used. */
  fellBack: z.boolean(),
  /** Promised completion of a department verification (epoch ms). */
  promisedBy: z.number().nullable(),
  summary: z.string(),
  summaryEn: z.string().nullable(),
});
export type ProofOutcome = z.infer<typeof proofOutcomeSchema>;

export const applicationOutcomeSchema = z.object({
  applicationId: z.string(),
  applicationNo: z.string(),
  matterId: z.string(),
  matterName: z.string(),
  proofs: z.array(proofOutcomeSchema),
  state: z.enum(['accepted', 'awaiting-verification']),
});
export type ApplicationOutcome = z.infer<typeof applicationOutcomeSchema>;

export const submissionOutcomeSchema = z.object({
  /** One for a simple matter; one per department matter for a 一件事 bundle. */
  applications: z.array(applicationOutcomeSchema),
  bundle: z.boolean(),
  print: printViewSchema,
});
export type SubmissionOutcome = z.infer<typeof submissionOutcomeSchema>;

export const applicationStatusViewSchema = z.object({
  applicationId: z.string(),
  /** For the catalog's English name; matterName is the Chinese one. */
  matterId: z.string(),
  matterName: z.string(),
  state: z.enum(['queued', 'received', 'in-progress', 'completed', 'refused']),
  submittedAt: z.string(),
  verifications: z.array(
    z.object({ proofType, state: z.enum(['pending', 'confirmed', 'refused']), promisedBy: z.string(), note: z.string().nullable() }),
  ),
});
export type ApplicationStatusView = z.infer<typeof applicationStatusViewSchema>;

export const citizenOverviewSchema = z.object({
  /** False when the central system could not be asked: lists hold what the kiosk knows locally. */
  live: z.boolean(),
  appointments: z.array(appointment),
  entitlements: z.array(entitlement),
  applications: z.array(applicationStatusViewSchema),
});
export type CitizenOverview = z.infer<typeof citizenOverviewSchema>;

export const evaluationRequestSchema = z.object({
  subjectType: z.enum(['ticket', 'application', 'session']),
  subjectId: z.string().max(64),
  rating: z.number().int().min(1).max(5),
});
export type EvaluationRequest = z.infer<typeof evaluationRequestSchema>;
