/**
 * The central verification API as the kiosk sees it: request/response shapes and their
 * zod schemas, shared by the kiosk core (client, forwarder) and the central simulator.
 * assets/api/central.openapi.yaml is GENERATED from these schemas and the operation list
 * in scripts/openapi/central-operations.ts (`npm run -s gen:openapi`); a test fails when the
 * committed file differs. Bounds and formats belong here, so the spec carries them too.
 *
 * ID numbers: look-ups never carry a plaintext ID number. The kiosk sends
 * `idHash = hex(HMAC-SHA256(hallIdHashKey, idNumber.toUpperCase()))`, where the hall-wide
 * key is provisioned to every kiosk and to the central system (see ID_HASH_ALGORITHM).
 * Only an application submission carries the plaintext ID number (inside TLS), because
 * the department that acts on it needs the person, not a hash.
 */
import { z } from 'zod';

export const CENTRAL_API_VERSION = 'v1';
export const ID_HASH_ALGORITHM = 'HMAC-SHA256(hallIdHashKey, upper(idNumber)) as lowercase hex';

export const idHash = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-hex HMAC-SHA256 ID hash')
  .describe('lowercase hex HMAC-SHA256(hallIdHashKey, upper(idNumber))');

/** Every timestamp on the wire: RFC 3339 with seconds and a zone (`Z` or `+08:00`). */
export const isoTime = z.iso.datetime({ offset: true });

/**
 * Identifiers that travel in a path or a query: they start with a letter or digit, so
 * none is a `.`/`..` segment (which URL normalisation would resolve away) or empty.
 */
export const verificationId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/);
export const queueName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/).describe('a hall queue, e.g. A (全科), V (green channel), Y (appointments)');
export const ticketNo = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

/** How a former proof is satisfied now (无证明城市). */
export const proofSatisfaction = z.enum(['removed', 'commitment', 'data-check', 'department-verification']);
export type ProofSatisfaction = z.infer<typeof proofSatisfaction>;

export const proofType = z.enum([
  'social-insurance',
  'household',
  'property',
  'kinship',
  'no-criminal-record',
  'financial-hardship',
  'residence',
  'birth',
  'age',
]);
export type ProofType = z.infer<typeof proofType>;

// ---------------------------------------------------------------- matter catalog
export const matterProof = z.object({
  proofType,
  /** The former paper proof, e.g. "社保参保证明". */
  formerProof: z.string().describe('the former paper proof, e.g. 社保参保证明'),
  formerProofEn: z.string().optional(),
  satisfiedBy: proofSatisfaction,
  /** When data-check is unavailable (offline): what the kiosk falls back to. */
  fallback: z.enum(['commitment', 'department-verification']).optional().describe('used when the data check is unreachable'),
  /** The commitment (告知承诺) the citizen signs; the Chinese text is the binding one. */
  commitmentText: z.string().optional().describe('the binding Chinese text of the commitment (告知承诺)'),
  /** An English rendering shown beside it in English mode. */
  commitmentTextEn: z.string().optional(),
  /** Promised time for a department verification, minutes. */
  promisedMinutes: z.number().int().positive().optional().describe('promised time of a department verification, minutes'),
});
export type MatterProof = z.infer<typeof matterProof>;

/**
 * How a citizen may identify for a matter: an ID card, a citizen / social-security card,
 * an identity code (扫码), or a code confirmed by the face (刷脸).
 */
export const identificationMethod = z.enum(['idcard', 'citizencard', 'code', 'code+face']);
export type IdentificationMethod = z.infer<typeof identificationMethod>;
/** What a matter that declares nothing accepts: either card, or a code with the face. */
export const DEFAULT_IDENTIFICATION: readonly IdentificationMethod[] = ['idcard', 'citizencard', 'code+face'];

export const matter = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/),
  name: z.string(),
  nameEn: z.string(),
  category: z.string(),
  /** 'kiosk': can be completed here; 'window': routed to a window ticket with `windowReason`. */
  handling: z.enum(['kiosk', 'window']),
  windowReason: z.string().optional(),
  windowReasonEn: z.string().optional(),
  /** Matters of a 一件事 bundle fan out to these matter ids. */
  bundleOf: z.array(z.string()).optional().describe('一件事: the matters this bundle fans out to'),
  proofs: z.array(matterProof),
  /** Accepted identification (a ticket needs any); absent: DEFAULT_IDENTIFICATION. */
  identification: z.array(identificationMethod).min(1).max(4).optional()
    .describe('accepted identification; absent: idcard, citizencard and code+face'),
  version: z.number().int().nonnegative(),
  withdrawn: z.boolean().optional(),
});
export type Matter = z.infer<typeof matter>;

export const catalogResponse = z.object({
  /** Catalog version after applying this response. */
  version: z.number().int().nonnegative(),
  /** True: `matters` replaces everything (the kiosk's version was too old or absent). */
  full: z.boolean(),
  /** Matters changed since `since` (withdrawn ones have `withdrawn: true`). */
  matters: z.array(matter),
});
export type CatalogResponse = z.infer<typeof catalogResponse>;

// ---------------------------------------------------------------- data check (数据查验)
export const dataCheckRequest = z.object({ idHash, proofType });
export type DataCheckRequest = z.infer<typeof dataCheckRequest>;
export const dataCheckResponse = z.object({
  proofType,
  /** 'confirmed': the record exists and satisfies the proof; 'not-found': no record. */
  result: z.enum(['confirmed', 'not-found']),
  /** Plain summary safe to show the citizen, e.g. "参保状态：正常（2019-03 起）". */
  summary: z.string().describe('safe to show and print: never an address or other personal detail'),
  summaryEn: z.string().optional(),
  checkedAt: isoTime,
  reference: z.string(),
});
export type DataCheckResponse = z.infer<typeof dataCheckResponse>;

// ---------------------------------------------------------------- department verification (部门核验)
export const verificationRequest = z.object({
  idHash,
  proofType,
  /** The application this verification belongs to (kiosk-made UUID). */
  applicationId: z.string().min(1),
});
export type VerificationRequest = z.infer<typeof verificationRequest>;
export const verificationState = z.enum(['pending', 'confirmed', 'refused']);
export const verificationStatus = z.object({
  verificationId,
  proofType,
  state: verificationState,
  requestedAt: isoTime,
  promisedBy: isoTime,
  completedAt: isoTime.nullable(),
  note: z.string().optional(),
});
export type VerificationStatus = z.infer<typeof verificationStatus>;

// ---------------------------------------------------------------- citizen look-ups
export const queueState = z.object({
  queue: queueName,
  peopleAhead: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative(),
  openWindows: z.number().int().nonnegative(),
});
export type QueueState = z.infer<typeof queueState>;

export const appointment = z.object({
  appointmentId: z.string(),
  matterId: z.string(),
  /** ISO time of the slot today. */
  slot: isoTime,
  queue: z.string(),
});
export const appointmentsResponse = z.object({ appointments: z.array(appointment) });
export type Appointment = z.infer<typeof appointment>;

export const entitlement = z.object({
  entitlementId: z.string(),
  /** The matter (often a bundle) the citizen can start now. */
  matterId: z.string(),
  title: z.string(),
  reason: z.string(),
  reasonEn: z.string().optional(),
});
export const entitlementsResponse = z.object({ entitlements: z.array(entitlement) });
export type Entitlement = z.infer<typeof entitlement>;

export const applicationStatus = z.object({
  applicationId: z.string(),
  matterId: z.string(),
  state: z.enum(['received', 'in-progress', 'completed', 'refused']),
  submittedAt: isoTime,
  verifications: z.array(verificationStatus),
});
export const applicationStatusResponse = z.object({ applications: z.array(applicationStatus) });
export type ApplicationStatus = z.infer<typeof applicationStatus>;

export const heartbeatRequest = z.object({
  kioskId: z.string().min(1),
  pending: z.number().int().nonnegative(),
  oldestPendingAgeMs: z.number().nonnegative().nullable(),
  sentAt: isoTime,
});
export type HeartbeatRequest = z.infer<typeof heartbeatRequest>;
export const heartbeatResponse = z.object({
  serverTime: isoTime,
  /** A version newer than the kiosk's → fetch the catalog delta. */
  catalogVersion: z.number().int().nonnegative(),
});
export type HeartbeatResponse = z.infer<typeof heartbeatResponse>;

// ---------------------------------------------------------------- store-and-forward records
export const ticketPayload = z.object({
  ticketNo: z.string().describe('queue + kiosk tag + daily number, e.g. A07-012: unique per hall day without coordination'),
  queue: z.string(),
  priority: z.enum(['normal', 'elderly', 'disabled', 'pregnant', 'appointment']),
  issuedAt: isoTime,
  idHash: idHash.nullable(),
  appointmentId: z.string().nullable(),
  matterCategory: z.string().nullable(),
});
export type TicketPayload = z.infer<typeof ticketPayload>;

export const proofRecord = z.object({
  proofType,
  satisfiedBy: proofSatisfaction,
  /** data check reference, verification id, or the commitment text the citizen confirmed. */
  detail: z.string().nullable(),
});
export type ProofRecord = z.infer<typeof proofRecord>;

export const applicationPayload = z.object({
  applicationId: z.string(),
  matterId: z.string(),
  matterVersion: z.number().int().nonnegative(),
  idHash,
  /** Personal fields: sent only inside TLS, encrypted at rest in the kiosk. */
  applicant: z.object({ idNumber: z.string(), name: z.string(), phone: z.string().optional() })
    .describe('personal data, only inside TLS; must hash to idHash'),
  /** The agent (代办) when someone applies on the applicant's behalf. */
  agentIdHash: idHash.nullable(),
  proofs: z.array(proofRecord),
  submittedAt: isoTime,
  answers: z.record(z.string(), z.string()),
});
export type ApplicationPayload = z.infer<typeof applicationPayload>;

export const evaluationPayload = z.object({
  evaluationId: z.string(),
  subjectType: z.enum(['ticket', 'application', 'session']),
  subjectId: z.string(),
  rating: z.number().int().min(1).max(5).describe('好差评: 1 非常不满意 … 5 非常满意'),
  comment: z.string().max(500).nullable(),
  ratedAt: isoTime,
});
export type EvaluationPayload = z.infer<typeof evaluationPayload>;

export const recordKind = z.enum(['ticket', 'application', 'evaluation']);
export type RecordKind = z.infer<typeof recordKind>;

const recordEnvelope = {
  idempotencyKey: z.string().min(8).max(128),
  /** Per-kiosk monotonic sequence (not wall-clock); central applies in this order. */
  seq: z.number().int().positive().describe('per-kiosk monotonic sequence'),
  createdAt: isoTime,
};

/**
 * A record as central first reads it: the payload is checked per record afterwards, so one
 * bad payload is answered `rejected` without failing the batch (the outbox holds JSON).
 */
export const syncRecord = z.object({ ...recordEnvelope, kind: recordKind, payload: z.unknown() });
export type SyncRecord = z.infer<typeof syncRecord>;

/** What a record must be: its payload is the one its `kind` names (the documented body). */
export const ticketRecord = z.object({ ...recordEnvelope, kind: z.literal('ticket'), payload: ticketPayload });
export const applicationRecord = z.object({ ...recordEnvelope, kind: z.literal('application'), payload: applicationPayload });
export const evaluationRecord = z.object({ ...recordEnvelope, kind: z.literal('evaluation'), payload: evaluationPayload });
export const typedSyncRecord = z.discriminatedUnion('kind', [ticketRecord, applicationRecord, evaluationRecord]);
export type TypedSyncRecord = z.infer<typeof typedSyncRecord>;

const batchEnvelope = { kioskId: z.string().min(1) };
export const syncBatchRequest = z.object({ ...batchEnvelope, records: z.array(syncRecord).min(1).max(5000) });
export type SyncBatchRequest = z.infer<typeof syncBatchRequest>;
export const typedSyncBatchRequest = z.object({ ...batchEnvelope, records: z.array(typedSyncRecord).min(1).max(5000) });

/**
 * applied: new effect; duplicate: this key was applied before (same body): success;
 * rejected: will never succeed (bad payload, unknown matter, key reused with another body).
 */
export const recordOutcome = z.object({
  idempotencyKey: z.string(),
  outcome: z.enum(['applied', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});
export type RecordOutcome = z.infer<typeof recordOutcome>;
export const syncBatchResponse = z.object({ results: z.array(recordOutcome) });
export type SyncBatchResponse = z.infer<typeof syncBatchResponse>;

/** Problem body of every non-2xx answer (RFC 9457 subset). */
export const problem = z.object({ title: z.string(), detail: z.string().optional(), status: z.number().int().min(400).max(599) });
export type Problem = z.infer<typeof problem>;

// ---------------------------------------------------------------- path and query parameters
/** `?since=` of the catalog: the version the kiosk holds; negative or newer than central's → a full catalog. */
export const catalogSince = z.number().int();

/** `Idempotency-Key` header of a verification request: 8–128 visible ASCII characters (a header carries no others). */
export const idempotencyKeyHeader = z.string().regex(/^[!-~]{8,128}$/);

/** Paths, so client and simulator never spell them twice. */
export const centralPaths = {
  catalog: '/v1/catalog',
  dataCheck: '/v1/data-checks',
  verifications: '/v1/verifications',
  verification: (id: string) => `/v1/verifications/${encodeURIComponent(id)}`,
  queueState: (queue: string) => `/v1/queues/${encodeURIComponent(queue)}`,
  appointments: (h: string) => `/v1/citizens/${h}/appointments`,
  entitlements: (h: string) => `/v1/citizens/${h}/entitlements`,
  applications: (h: string) => `/v1/citizens/${h}/applications`,
  heartbeat: '/v1/heartbeat',
  recordsBatch: '/v1/records:batch',
} as const;
