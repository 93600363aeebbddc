/**
 * What a scanned code is, from its format alone (pure; no look-up, no network).
 *
 * Identity codes (电子社保卡, 网证/网号, 浙里办 亮码) are opaque, short-lived tokens that
 * only their issuer can resolve (POST /v1/identity/resolve): the kiosk recognizes them
 * by a scheme prefix and a bounded base64url token, and never reads anything into them.
 * The real formats are issuer-defined and change with the issuer's app; the formats
 * below are this project's plausible stand-ins, kept as data (IDENTITY_CODE_FORMATS) so
 * a deployment configures each issuer's own with `createCodeClassifier`:
 *
 * | kind | format (stand-in) | token |
 * |---|---|---|
 * | social-security-card | `ESSC:` + token | base64url, 32–128 chars |
 * | network-id | `CTID:` + token (the 网证 is issued by the CTID platform) | base64url, 43–256 chars |
 * | zlb | `ZLB:` + token | base64url, 32–128 chars |
 * | appointment | `AP-YYYY-MM-DD-xxxxxx-n` (the central API's appointment id) | — |
 * | kiosk-ticket | this kiosk's ticket QR (ticket-qr.ts) | — |
 *
 * Byte-level bounds come first, so garbage is rejected before any pattern runs: a code is
 * 1–MAX_CODE_LENGTH characters of printable ASCII (0x21–0x7E, no spaces or controls).
 * Anything else is `unknown`: "this code is not used here".
 */
import { parseKioskTicketQr } from './ticket-qr.js';

export const SCANNED_CODE_KINDS = ['social-security-card', 'network-id', 'zlb', 'appointment', 'kiosk-ticket', 'unknown'] as const;
export type ScannedCodeKind = (typeof SCANNED_CODE_KINDS)[number];

export const IDENTITY_CODE_KINDS = ['social-security-card', 'network-id', 'zlb'] as const;
export type IdentityCodeKind = (typeof IDENTITY_CODE_KINDS)[number];

/** One code as the scanner read it: its text and when (epoch ms). */
export interface Scan {
  text: string;
  at: number;
}

/** The longest code any kind here accepts; the scanner framer bounds lines separately. */
export const MAX_CODE_LENGTH = 512;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface IdentityCodeFormat {
  kind: IdentityCodeKind;
  /** Case-sensitive scheme prefix, e.g. 'CTID:'. */
  prefix: string;
  /** Token length bounds (characters of base64url after the prefix). */
  minTokenLength: number;
  maxTokenLength: number;
}

export const IDENTITY_CODE_FORMATS: readonly IdentityCodeFormat[] = [
  { kind: 'social-security-card', prefix: 'ESSC:', minTokenLength: 32, maxTokenLength: 128 },
  { kind: 'network-id', prefix: 'CTID:', minTokenLength: 43, maxTokenLength: 256 },
  { kind: 'zlb', prefix: 'ZLB:', minTokenLength: 32, maxTokenLength: 128 },
];

/** The central API's appointment id (scripts/sim/central/lookups.ts builds it the same way). */
const APPOINTMENT = /^AP-\d{4}-\d{2}-\d{2}-[0-9a-f]{6}-\d{1,3}$/;

export type ClassifiedCode =
  | { kind: IdentityCodeKind; token: string }
  | { kind: 'appointment'; appointmentId: string }
  | { kind: 'kiosk-ticket'; kioskId: string; ticketNo: string; trackingBaseUrl: string }
  | { kind: 'unknown' };

export interface CodeClassifier {
  /** The kind and the parts the core needs (the token, the appointment id, the ticket). */
  parse(text: string): ClassifiedCode;
  classify(text: string): ScannedCodeKind;
}

export function createCodeClassifier(formats: readonly IdentityCodeFormat[] = IDENTITY_CODE_FORMATS): CodeClassifier {
  const parse = (text: string): ClassifiedCode => {
    if (text.length === 0 || text.length > MAX_CODE_LENGTH || !PRINTABLE_ASCII.test(text)) return { kind: 'unknown' };
    for (const f of formats) {
      if (!text.startsWith(f.prefix)) continue;
      const token = text.slice(f.prefix.length);
      const fits = token.length >= f.minTokenLength && token.length <= f.maxTokenLength && BASE64URL.test(token);
      return fits ? { kind: f.kind, token } : { kind: 'unknown' };
    }
    if (APPOINTMENT.test(text)) return { kind: 'appointment', appointmentId: text };
    const ticket = parseKioskTicketQr(text);
    if (ticket) return { kind: 'kiosk-ticket', ...ticket };
    return { kind: 'unknown' };
  };
  return { parse, classify: (text) => parse(text).kind };
}

const defaultClassifier = createCodeClassifier();

/** The kind of a scanned code with the default formats (see the table above). */
export function classifyCode(text: string): ScannedCodeKind {
  return defaultClassifier.classify(text);
}

/** The kind and its parts with the default formats; the token stays in memory only. */
export function parseCode(text: string): ClassifiedCode {
  return defaultClassifier.parse(text);
}

export function isIdentityCodeKind(kind: ScannedCodeKind): kind is IdentityCodeKind {
  return (IDENTITY_CODE_KINDS as readonly string[]).includes(kind);
}

/** What may be logged or printed about a code: its kind and length, never its text. */
export function describeCode(text: string): string {
  return `${classifyCode(text)} (${text.length} chars)`;
}
