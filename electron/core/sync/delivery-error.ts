/**
 * What the kiosk keeps (outbox.last_error), broadcasts (the sync status the page gets)
 * and alerts about a failed delivery: the failure class, the HTTP status and a hint of
 * our own, never the central's text. A central's error body may echo the record it
 * refused (an ID number, a name); this is the one place that decides what survives.
 */
import { CentralError, type CentralFailureKind } from './central-client.js';

const HINTS: Record<CentralFailureKind, string> = {
  network: 'central unreachable: check the hall network and central.url',
  timeout: 'central gave no answer in time: check the hall network',
  server: 'central server error: retrying with backoff',
  'rate-limited': 'central asked the kiosk to slow down: retrying later',
  auth: "central refused this kiosk: check this kiosk's token (central.token / KIOSK_CENTRAL_TOKEN)",
  rejected: 'rejected by central',
  'bad-response': 'central answered something unexpected',
};

/** Digits can spell ID numbers, phone numbers, card numbers: none survive. */
export function maskDigits(text: string): string {
  return text.replace(/\d/g, '#');
}

/** `<class> <status>: <our hint>` for a whole-batch failure. */
export function describeDeliveryError(err: unknown): string {
  if (err instanceof CentralError) return `${err.kind}${err.status === null ? '' : ` ${err.status}`}: ${HINTS[err.kind]}`;
  // Not from the central: our own code failed (e.g. the store). Its class and message, digits masked.
  const error = err instanceof Error ? err : new Error(String(err));
  return maskDigits(`kiosk ${error.name}: ${error.message}`).slice(0, 160);
}

/**
 * A single record the central refused: its reason is kept only when it is a code (one
 * token such as `unknown-matter`), with digits masked; free text is withheld.
 */
export function describeRejection(reason: string | undefined): string {
  const code = reason?.trim();
  if (code && /^[A-Za-z][A-Za-z0-9._-]{0,47}$/.test(code)) return `rejected by central: ${maskDigits(code)}`;
  return code ? 'rejected by central (its free-text reason is not kept)' : 'rejected by central';
}
