/**
 * Identification by code (扫码) at the central API: the kiosk sends the opaque token of an
 * identity code (电子社保卡, 网证, 浙里办 亮码) to `POST /v1/identity/resolve` and gets the
 * person back, or a typed refusal. Tokens are single-use and short-lived at the central
 * system; the kiosk never logs, stores or forwards one (electron/core/journeys/code-desk.ts).
 * Also the check-in of a hall appointment code (`POST /v1/appointments/check-in`).
 * Shared by the core's client, the central simulator and the generated OpenAPI document.
 */
import { z } from 'zod';
import { appointment } from './central-api.js';
import { IDENTITY_CODE_KINDS } from './scan-codes.js';

/** The identity codes the central system resolves (the code's kind as the kiosk recognised it, scan-codes.ts). */
export const identityCodeKind = z.enum(IDENTITY_CODE_KINDS)
  .describe('电子社保卡 (social-security-card), 网证 (network-id), 浙里办 亮码 (zlb)');

/** A code's token: opaque, printable ASCII, never a readable identity. */
export const identityToken = z.string().regex(/^[!-~]{8,512}$/, '8 to 512 printable ASCII characters')
  .describe('the opaque token the code carries; single-use, valid for about 60 s');

export const identityResolveRequest = z.object({ kind: identityCodeKind, token: identityToken });
export type IdentityResolveRequest = z.infer<typeof identityResolveRequest>;

/**
 * How strongly the central system vouches for the person behind the code:
 * low (an account's code, no real-name check), substantial (a real-name credential:
 * 网证, 电子社保卡), high (the central system has also matched the holder's face).
 */
export const assuranceLevel = z.enum(['low', 'substantial', 'high']);
export type AssuranceLevel = z.infer<typeof assuranceLevel>;

/** The person as a card gives them: for the kiosk core's session only, never for the page. */
export const resolvedIdentity = z.object({
  documentType: z.enum(['resident', 'hk-mo-tw-residence', 'foreign-permanent-2017', 'foreign-permanent-2023']),
  name: z.string().min(1).max(64),
  idNumber: z.string().regex(/^[0-9A-Z]{15,18}$/),
  sex: z.enum(['male', 'female', 'unknown', 'unspecified']),
  /** ISO date YYYY-MM-DD. */
  birthDate: z.iso.date(),
  address: z.string().max(200),
}).describe('personal data, only inside TLS; held by the kiosk core for the session and never stored');
export type ResolvedIdentity = z.infer<typeof resolvedIdentity>;

/** What a screen or a log may show of the person. */
export const maskedIdentity = z.object({
  displayName: z.string().max(64).describe('e.g. 张*'),
  maskedIdNumber: z.string().max(18).describe('e.g. 330***********1238'),
});

/** Opaque reference to this identification at the central system (e.g. for a face verification). */
export const identityRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{7,127}$/);

export const identityResolved = z.object({
  result: z.literal('identified'),
  masked: maskedIdentity,
  identity: resolvedIdentity,
  identityRef,
  assurance: assuranceLevel,
});

/**
 * Why a code identifies nobody: expired (older than its validity: a fresh one is needed),
 * used (already resolved once), unknown (no such token), refused (the holder or the
 * issuer does not allow its use here, e.g. a suspended account).
 */
export const identityRefusalReason = z.enum(['expired', 'used', 'unknown', 'refused']);
export type IdentityRefusalReason = z.infer<typeof identityRefusalReason>;
export const identityRefused = z.object({ result: identityRefusalReason });

export const identityResolveResponse = z.discriminatedUnion('result', [
  identityResolved,
  z.object({ result: z.literal('expired') }),
  z.object({ result: z.literal('used') }),
  z.object({ result: z.literal('unknown') }),
  z.object({ result: z.literal('refused') }),
]);
export type IdentityResolveResponse = z.infer<typeof identityResolveResponse>;

// ---------------------------------------------------------------- appointment check-in (预约签到 by code)
export const appointmentCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{5,63}$/).describe('the code on the citizen\'s appointment (预约码)');
export const appointmentCheckInRequest = z.object({ appointmentCode });
export const appointmentCheckInResponse = z.discriminatedUnion('result', [
  z.object({ result: z.literal('checked-in'), appointment }),
  /** No appointment under this code, or not today. */
  z.object({ result: z.literal('unknown') }),
  z.object({ result: z.literal('not-today') }),
]);
export type AppointmentCheckInResponse = z.infer<typeof appointmentCheckInResponse>;

export const identityPaths = {
  identityResolve: '/v1/identity/resolve',
  appointmentCheckIn: '/v1/appointments/check-in',
} as const;
