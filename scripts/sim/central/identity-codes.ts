/**
 * The central simulator's identity codes (扫码): tokens issued for a citizen of the
 * population (through /admin/identity-codes, as the 网证 / 电子社保卡 / 浙里办 apps would
 * issue them to a phone), resolved once by `POST /v1/identity/resolve`, expiring after
 * 60 s. Also the check-in of an appointment code (`POST /v1/appointments/check-in`).
 * In memory: a token outlives neither its 60 s nor the simulator.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  assuranceLevel,
  identityCodeKind,
  type AppointmentCheckInResponse,
  type IdentityResolveRequest,
  type IdentityResolveResponse,
} from '../../../electron/common/central-identity.js';
import { maskIdNumber, maskName } from '../../../electron/common/masking.js';
import { hashIdNumber } from '../../../electron/core/store/crypto.js';
import { appointments } from './lookups.js';
import type { Citizen } from './population.js';
import type { ApplyContext } from './records.js';

/** How long an issued token can be resolved. */
export const TOKEN_TTL_MS = 60_000;

/** What /admin/identity-codes accepts: whose code, which kind, and how it should behave. */
export const issueCodeRequest = z.object({
  kind: identityCodeKind,
  /** The citizen, by role in the population (e.g. `employee-with-appointment`) or ID number. */
  role: z.string().min(1).max(64).optional(),
  idNumber: z.string().min(15).max(18).optional(),
  assurance: assuranceLevel.default('substantial'),
  /** The issuer refuses this code at a kiosk (e.g. a suspended account). */
  refused: z.boolean().default(false),
  /** Issued this long ago (a code past its 60 s, for the expired journey). */
  issuedMsAgo: z.number().int().min(0).max(3_600_000).default(0),
}).refine((r) => (r.role === undefined) !== (r.idNumber === undefined), 'name the citizen by exactly one of role or idNumber');
export type IssueCodeRequest = z.input<typeof issueCodeRequest>;

interface IssuedToken {
  kind: IdentityResolveRequest['kind'];
  idHash: string;
  assurance: z.infer<typeof assuranceLevel>;
  refused: boolean;
  expiresAt: number;
  used: boolean;
}

export class IdentityCodes {
  private readonly tokens = new Map<string, IssuedToken>();
  /** identityRef → the citizen's ID hash (what a later face verification is checked against). */
  private readonly refs = new Map<string, string>();

  constructor(
    private readonly ctx: ApplyContext,
    private readonly findByRole: (role: string) => Citizen | null,
  ) {}

  /** A fresh token for a citizen; null when the population has no such person. */
  issue(request: z.output<typeof issueCodeRequest>): { token: string; expiresAt: string } | null {
    const citizen = request.role !== undefined ? this.findByRole(request.role) : this.ctx.db.citizen(hashIdNumber(request.idNumber!, this.ctx.hallKey));
    if (!citizen) return null;
    this.dropExpired();
    const token = randomBytes(33).toString('base64url');
    const expiresAt = this.ctx.now() - request.issuedMsAgo + TOKEN_TTL_MS;
    this.tokens.set(token, { kind: request.kind, idHash: hashIdNumber(citizen.idNumber, this.ctx.hallKey), assurance: request.assurance, refused: request.refused, expiresAt, used: false });
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Single use: the first resolve of a live token identifies; every later one is `used`. */
  resolve(request: IdentityResolveRequest): IdentityResolveResponse {
    const issued = this.tokens.get(request.token);
    if (!issued || issued.kind !== request.kind) return { result: 'unknown' };
    if (issued.used) return { result: 'used' };
    if (this.ctx.now() > issued.expiresAt) return { result: 'expired' };
    issued.used = true;
    if (issued.refused) return { result: 'refused' };
    const citizen = this.ctx.db.citizen(issued.idHash);
    if (!citizen) return { result: 'unknown' };
    const identityRef = `IR-${randomBytes(12).toString('hex')}`;
    this.refs.set(identityRef, issued.idHash);
    return {
      result: 'identified',
      masked: { displayName: maskName(citizen.name), maskedIdNumber: maskIdNumber(citizen.idNumber) },
      identity: { documentType: 'resident', name: citizen.name, idNumber: citizen.idNumber, sex: citizen.sex, birthDate: citizen.birthDate, address: citizen.address },
      identityRef,
      assurance: issued.assurance,
    };
  }

  /** The ID hash an identityRef was issued for (null: none). */
  idHashOf(identityRef: string): string | null {
    return this.refs.get(identityRef) ?? null;
  }

  /** Used tokens are kept until they expire, so a replay is answered `used`, not `unknown`. */
  private dropExpired(): void {
    const now = this.ctx.now();
    for (const [token, issued] of this.tokens) if (now > issued.expiresAt + TOKEN_TTL_MS) this.tokens.delete(token);
  }
}

/**
 * An appointment code is the appointment's id (`AP-<day>-<hash prefix>-<n>`): checked in
 * when the appointment is one of that citizen's today.
 */
export function checkInAppointment(ctx: ApplyContext, code: string, population: () => Citizen[]): AppointmentCheckInResponse {
  const m = /^AP-(\d{4}-\d{2}-\d{2})-([0-9a-f]{6})-(\d+)$/.exec(code);
  if (!m) return { result: 'unknown' };
  for (const citizen of population()) {
    const idHash = hashIdNumber(citizen.idNumber, ctx.hallKey);
    if (!idHash.startsWith(m[2]!)) continue;
    const today = appointments(ctx, idHash);
    const found = today.find((a) => a.appointmentId === code);
    if (found) return { result: 'checked-in', appointment: found };
    if (citizen.appointments[Number(m[3])]) return { result: 'not-today' };
  }
  return { result: 'unknown' };
}
