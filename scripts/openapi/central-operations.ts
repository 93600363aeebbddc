/**
 * The central API's operations as data: path, method, parameters, body and every status
 * each one can answer, each status with the zod schema of its body. The OpenAPI document
 * (scripts/gen-openapi.ts) and the contract test read this one list, so what is documented
 * is what is checked. Schemas named in `componentSchemas` become `#/components/schemas/*`.
 */
import type { z } from 'zod';
import {
  appointment,
  appointmentsResponse,
  applicationPayload,
  applicationRecord,
  applicationStatus,
  applicationStatusResponse,
  catalogResponse,
  catalogSince,
  centralPaths,
  dataCheckRequest,
  dataCheckResponse,
  entitlement,
  entitlementsResponse,
  evaluationPayload,
  evaluationRecord,
  heartbeatRequest,
  heartbeatResponse,
  idHash,
  idempotencyKeyHeader,
  matter,
  matterProof,
  problem,
  proofRecord,
  proofSatisfaction,
  proofType,
  queueName,
  queueState,
  recordOutcome,
  syncBatchResponse,
  ticketPayload,
  ticketNo,
  ticketRecord,
  typedSyncBatchRequest,
  typedSyncRecord,
  verificationId,
  verificationRequest,
  verificationStatus,
} from '../../electron/common/central-api.js';
import { faceFrame, facePaths, faceSubject, faceVerifyRequest, faceVerifyResponse } from '../../electron/common/central-face.js';
import {
  appointmentCheckInRequest,
  appointmentCheckInResponse,
  assuranceLevel,
  identityPaths,
  identityResolveRequest,
  identityResolveResponse,
  resolvedIdentity,
} from '../../electron/common/central-identity.js';

/** Component name → schema; every schema an operation names must be listed here. */
export const componentSchemas: Record<string, z.ZodType> = {
  IdHash: idHash,
  ProofType: proofType,
  ProofSatisfaction: proofSatisfaction,
  Problem: problem,
  MatterProof: matterProof,
  Matter: matter,
  CatalogResponse: catalogResponse,
  DataCheckRequest: dataCheckRequest,
  DataCheckResponse: dataCheckResponse,
  VerificationRequest: verificationRequest,
  VerificationStatus: verificationStatus,
  QueueState: queueState,
  Appointment: appointment,
  AppointmentsResponse: appointmentsResponse,
  Entitlement: entitlement,
  EntitlementsResponse: entitlementsResponse,
  ApplicationStatus: applicationStatus,
  ApplicationStatusResponse: applicationStatusResponse,
  HeartbeatRequest: heartbeatRequest,
  HeartbeatResponse: heartbeatResponse,
  TicketPayload: ticketPayload,
  ProofRecord: proofRecord,
  ApplicationPayload: applicationPayload,
  EvaluationPayload: evaluationPayload,
  TicketRecord: ticketRecord,
  ApplicationRecord: applicationRecord,
  EvaluationRecord: evaluationRecord,
  SyncRecord: typedSyncRecord,
  SyncBatchRequest: typedSyncBatchRequest,
  RecordOutcome: recordOutcome,
  SyncBatchResponse: syncBatchResponse,
  FaceFrame: faceFrame,
  FaceSubject: faceSubject,
  FaceVerifyRequest: faceVerifyRequest,
  FaceVerifyResponse: faceVerifyResponse,
  IdentityResolveRequest: identityResolveRequest,
  IdentityResolveResponse: identityResolveResponse,
  ResolvedIdentity: resolvedIdentity,
  AssuranceLevel: assuranceLevel,
  AppointmentCheckInRequest: appointmentCheckInRequest,
  AppointmentCheckInResponse: appointmentCheckInResponse,
};

/** Discriminated unions: component → the property that names the variant. */
export const discriminators: Record<string, string> = { SyncRecord: 'kind' };

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

/** What each error status means; 429 and 503 carry Retry-After. */
export const errorStatuses: Record<ErrorStatus, { description: string; retryAfter: boolean }> = {
  400: { description: 'The body is not JSON.', retryAfter: false },
  401: { description: 'No bearer token, a token shorter than 8 characters, or an unknown token: an operator must fix central.token.', retryAfter: false },
  403: { description: "The token or the client certificate belongs to another kiosk: an operator must fix the kiosk's credentials.", retryAfter: false },
  404: { description: 'No such resource.', retryAfter: false },
  409: { description: 'Idempotency-Key reused with a different body.', retryAfter: false },
  413: { description: 'The body is larger than central reads (at least 16 MiB, a full 5000-record batch, is read).', retryAfter: false },
  422: { description: 'The request (body, path or query parameter) does not match the schema: it will never succeed as sent.', retryAfter: false },
  429: { description: 'Too many requests: retry after `Retry-After`.', retryAfter: true },
  500: { description: 'Central failed: retry with backoff.', retryAfter: false },
  503: { description: 'Central unavailable (maintenance, overload): retry after `Retry-After`.', retryAfter: true },
};

/** Statuses any /v1 operation can answer (body, authentication, load): a GET may carry a body too. */
const COMMON_ERRORS: ErrorStatus[] = [400, 401, 403, 413, 429, 500, 503];

export interface OperationParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: z.ZodType;
}

export interface SuccessResponse {
  status: 200 | 202;
  description: string;
  schema: z.ZodType;
}

export interface CentralOperation {
  operationId: string;
  method: 'get' | 'post';
  /** OpenAPI path template, e.g. `/v1/verifications/{verificationId}`. */
  path: string;
  summary: string;
  parameters: OperationParameter[];
  requestBody?: z.ZodType;
  success: SuccessResponse;
  errors: ErrorStatus[];
}

const idHashParam: OperationParameter = { name: 'idHash', in: 'path', required: true, schema: idHash };
const template = (path: string) => decodeURIComponent(path);

export const centralOperations: CentralOperation[] = [
  {
    operationId: 'getCatalog', method: 'get', path: centralPaths.catalog,
    summary: 'Matter catalog (versioned, delta fetch)',
    parameters: [{ name: 'since', in: 'query', required: false, schema: catalogSince,
      description: 'The catalog version the kiosk holds. Absent, negative or newer than central\'s → a full catalog; not an integer → 422.' }],
    success: { status: 200, description: 'Matters changed since `since` (withdrawn ones flagged), or the full catalog.', schema: catalogResponse },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'checkData', method: 'post', path: centralPaths.dataCheck,
    summary: '数据查验 — instant answer for one proof of one citizen',
    parameters: [], requestBody: dataCheckRequest,
    success: { status: 200, description: 'confirmed / not-found, with a summary safe to show the citizen', schema: dataCheckResponse },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'requestVerification', method: 'post', path: centralPaths.verifications,
    summary: '部门核验 — ask a department to verify a proof (asynchronous)',
    parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: idempotencyKeyHeader,
      description: 'A retried request with the same key returns the first answer; another body under the key is a 409.' }],
    requestBody: verificationRequest,
    success: { status: 202, description: 'Accepted; `state` is pending until the department answers (by `promisedBy`).', schema: verificationStatus },
    errors: [...COMMON_ERRORS, 409, 422],
  },
  {
    operationId: 'getVerification', method: 'get', path: template(centralPaths.verification('{verificationId}')),
    summary: 'Status of a department verification',
    parameters: [{ name: 'verificationId', in: 'path', required: true, schema: verificationId }],
    success: { status: 200, description: 'current state', schema: verificationStatus },
    errors: [...COMMON_ERRORS, 404, 422],
  },
  {
    operationId: 'getQueueState', method: 'get', path: template(centralPaths.queueState('{queue}')),
    summary: 'Hall queue state (people ahead of a ticket, estimated wait)',
    parameters: [
      { name: 'queue', in: 'path', required: true, schema: queueName },
      { name: 'ticketNo', in: 'query', required: false, schema: ticketNo, description: 'people ahead of this ticket; absent: everyone waiting' },
    ],
    success: { status: 200, description: 'queue state', schema: queueState },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'getAppointments', method: 'get', path: centralPaths.appointments('{idHash}'),
    summary: "The citizen's appointments today (预约签到)",
    parameters: [idHashParam],
    success: { status: 200, description: 'appointments today (empty when none or unknown citizen)', schema: appointmentsResponse },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'getEntitlements', method: 'get', path: centralPaths.entitlements('{idHash}'),
    summary: '政策找人 — what the citizen is entitled to start now',
    parameters: [idHashParam],
    success: { status: 200, description: 'entitlements (e.g. approaching 60 → retirement bundle; newborn in the household → newborn bundle)', schema: entitlementsResponse },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'getApplications', method: 'get', path: centralPaths.applications('{idHash}'),
    summary: "The citizen's applications and their department verifications",
    parameters: [idHashParam],
    success: { status: 200, description: 'applications, oldest first', schema: applicationStatusResponse },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'verifyFace', method: 'post', path: facePaths.faceVerify,
    summary: '刷脸 — are these camera frames the subject of this session? (compared with the central reference photo)',
    parameters: [], requestBody: faceVerifyRequest,
    success: { status: 200, schema: faceVerifyResponse,
      description: 'match / no-match / no-face. The frames are compared and dropped: central keeps none of them.' },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'resolveIdentity', method: 'post', path: identityPaths.identityResolve,
    summary: '扫码 — the person behind an identity code (电子社保卡, 网证, 浙里办 亮码)',
    parameters: [], requestBody: identityResolveRequest,
    success: { status: 200, schema: identityResolveResponse,
      description: 'identified (masked and full identity, an identityRef, the assurance level), or why not: expired (older than 60 s), used (tokens are single-use: a second resolve of one is `used`, so a kiosk never retries one), unknown, refused. The token is never logged or stored by the kiosk.' },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'checkInAppointment', method: 'post', path: identityPaths.appointmentCheckIn,
    summary: '预约签到 by the appointment code',
    parameters: [], requestBody: appointmentCheckInRequest,
    success: { status: 200, schema: appointmentCheckInResponse, description: 'checked-in with the appointment, or unknown / not-today' },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'heartbeat', method: 'post', path: centralPaths.heartbeat,
    summary: "Kiosk heartbeat (the kiosk's online/offline signal; carries its backlog)",
    parameters: [], requestBody: heartbeatRequest,
    success: { status: 200, description: 'server time and the current catalog version (a newer one → fetch the delta)', schema: heartbeatResponse },
    errors: [...COMMON_ERRORS, 422],
  },
  {
    operationId: 'deliverRecords', method: 'post', path: centralPaths.recordsBatch,
    summary: 'Store-and-forward delivery of tickets, applications and evaluations',
    parameters: [], requestBody: typedSyncBatchRequest,
    success: { status: 200, schema: syncBatchResponse,
      description: 'One outcome per record, in request order. A record whose payload does not match its `kind` is answered `rejected` (never applied) without failing the batch.' },
    errors: [...COMMON_ERRORS, 422],
  },
];
