/**
 * The one source of this kiosk's ticket QR payload: the ticket desk prints it, the
 * scanner's code recognition (scan-codes.ts) reads it back. The payload is the queue
 * tracking link `<hall.trackingUrl>?kiosk=<kioskId>&t=<ticketNo>`, so a phone follows
 * the queue and the kiosk knows which of its tickets was scanned.
 */

/** The kiosk id's charset and length (config.ts kioskId). */
const KIOSK_ID = /^[A-Za-z0-9-]{2,32}$/;
/** A ticket number's charset and length (central-api.ts ticketNo). */
const TICKET_NO = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface KioskTicketRef {
  /** The tracking base the link was printed with (hall.trackingUrl of the issuing kiosk). */
  trackingBaseUrl: string;
  kioskId: string;
  ticketNo: string;
}

/** The QR payload printed on a ticket (and shown on the virtual ticket). */
export function kioskTicketQrPayload(ref: KioskTicketRef): string {
  return `${ref.trackingBaseUrl}?kiosk=${encodeURIComponent(ref.kioskId)}&t=${encodeURIComponent(ref.ticketNo)}`;
}

/**
 * Reads a ticket QR payload back: an http(s) link whose query is exactly `kiosk` and `t`,
 * each well formed; anything else is null. Whether the ticket is this kiosk's (same
 * tracking base and kiosk id) is for the caller, which knows its config.
 */
export function parseKioskTicketQr(text: string): KioskTicketRef | null {
  const query = text.indexOf('?');
  if (query < 0) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const keys = [...url.searchParams.keys()];
  if (keys.length !== 2 || keys[0] !== 'kiosk' || keys[1] !== 't') return null;
  const kioskId = url.searchParams.get('kiosk') ?? '';
  const ticketNo = url.searchParams.get('t') ?? '';
  if (!KIOSK_ID.test(kioskId) || !TICKET_NO.test(ticketNo)) return null;
  return { trackingBaseUrl: text.slice(0, query), kioskId, ticketNo };
}
