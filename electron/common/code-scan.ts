/**
 * What the page learns when a code is scanned at the kiosk (扫码): never the token, never
 * the identity (an identified citizen arrives as the masked `session` event, as after a
 * card). One outcome per scan, each with a plain next step on screen.
 */
import { z } from 'zod';
import { ticketOutcomeSchema, ticketPrioritySchema } from './journey-schemas.js';
import { IDENTITY_CODE_KINDS } from './scan-codes.js';

export const identityCodeKindSchema = z.enum(IDENTITY_CODE_KINDS);
const centralCodeKind = z.enum([...IDENTITY_CODE_KINDS, 'appointment']);

/** One of this kiosk's tickets as its local store holds it (works offline). */
export const scannedTicketSchema = z.object({
  ticketNo: z.string(),
  queueName: z.string(),
  priority: ticketPrioritySchema,
  issuedAt: z.number(),
  /** Issued on today's hall day: an older ticket is no longer called. */
  today: z.boolean(),
  /** The central system has the ticket (its outbox row was delivered). */
  delivered: z.boolean(),
});
export type ScannedTicket = z.infer<typeof scannedTicketSchema>;

export const codeScanOutcomeSchema = z.discriminatedUnion('outcome', [
  /** The session event with the masked citizen follows (or came just before). */
  z.object({ outcome: z.literal('identified'), kind: identityCodeKindSchema }),
  /** expired / used: show a fresh code; unknown: not a valid code; refused: the issuer will not allow it here. */
  z.object({ outcome: z.literal('identity-refused'), kind: identityCodeKindSchema, reason: z.enum(['expired', 'used', 'unknown', 'refused']) }),
  /** The central system cannot be reached: codes cannot be checked now; the card still works. */
  z.object({ outcome: z.literal('offline'), kind: centralCodeKind }),
  /** The central system answered, but not usefully (an operator must look): the card still works. */
  z.object({ outcome: z.literal('failed'), kind: centralCodeKind }),
  z.object({ outcome: z.literal('ticket-status'), ticket: scannedTicketSchema }),
  /** A ticket QR of this hall that this kiosk did not issue (or no longer holds). */
  z.object({ outcome: z.literal('ticket-unknown') }),
  z.object({ outcome: z.literal('checked-in'), ticket: ticketOutcomeSchema }),
  z.object({ outcome: z.literal('appointment-refused'), reason: z.enum(['unknown', 'not-today']) }),
  /** Anything else: this code is not used here. */
  z.object({ outcome: z.literal('not-used-here') }),
]);
export type CodeScanOutcome = z.infer<typeof codeScanOutcomeSchema>;
