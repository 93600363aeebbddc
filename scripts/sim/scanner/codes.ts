/**
 * Valid codes of each kind for the scanner simulator, in the formats of
 * electron/common/scan-codes.ts. Shared with the central simulator, which resolves the
 * identity tokens it is told about: `makeCode(kind, token)` with the token it issued.
 */
import { randomBytes } from 'node:crypto';
import { IDENTITY_CODE_FORMATS, type IdentityCodeKind, type ScannedCodeKind } from '../../../electron/common/scan-codes.js';
import { kioskTicketQrPayload } from '../../../electron/common/ticket-qr.js';

/** A fresh opaque token: 32 random bytes as base64url (43 characters, fits every identity format). */
export function randomIdentityToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface MakeCodeOptions {
  /** For kiosk-ticket: the tracking base and kiosk the ticket was printed with. */
  trackingBaseUrl?: string;
  kioskId?: string;
  /** For appointment: the day of the slot (YYYY-MM-DD), default today in UTC+8. */
  day?: string;
}

export function identityCodePrefix(kind: IdentityCodeKind): string {
  return IDENTITY_CODE_FORMATS.find((f) => f.kind === kind)!.prefix;
}

/**
 * The text a scanner would read for a code of this kind. `value` is the token for an
 * identity code, the appointment id for an appointment, the ticket number for a kiosk
 * ticket; absent, a fresh valid one is made.
 */
export function makeCode(kind: ScannedCodeKind, value?: string, options: MakeCodeOptions = {}): string {
  switch (kind) {
    case 'social-security-card':
    case 'network-id':
    case 'zlb':
      return identityCodePrefix(kind) + (value ?? randomIdentityToken());
    case 'appointment':
      return value ?? `AP-${options.day ?? hallToday()}-${randomBytes(3).toString('hex')}-0`;
    case 'kiosk-ticket':
      return kioskTicketQrPayload({
        trackingBaseUrl: options.trackingBaseUrl ?? 'https://track.example.gov.cn/hall',
        kioskId: options.kioskId ?? 'HZ-SC-K01',
        ticketNo: value ?? 'AK01-001',
      });
    case 'unknown':
      // An EAN-13 product barcode (a drinks bottle held to the scanner).
      return value ?? '6901234567892';
  }
}

function hallToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
