/**
 * One of this kiosk's tickets by its number, from the local store (a scanned ticket QR
 * works offline). Ticket numbers restart each hall day, so the newest day wins.
 */
import type { StatementCache } from './database.js';

export interface StoredTicket {
  ticketNo: string;
  day: string;
  queue: string;
  priority: string;
  appointmentId: string | null;
  matterCategory: string | null;
  issuedAt: string;
  delivered: boolean;
}

export function findTicket(statements: StatementCache, ticketNo: string): StoredTicket | null {
  const row = statements
    .get(`SELECT t.ticket_no, t.day, t.queue, t.priority, t.appointment_id, t.matter_category, t.issued_at, o.state AS outbox_state
          FROM tickets t LEFT JOIN outbox o ON o.seq = t.outbox_seq WHERE t.ticket_no = ? ORDER BY t.day DESC LIMIT 1`)
    .get(ticketNo) as
    | { ticket_no: string; day: string; queue: string; priority: string; appointment_id: string | null; matter_category: string | null; issued_at: string; outbox_state: string | null }
    | undefined;
  if (!row) return null;
  return {
    ticketNo: row.ticket_no,
    day: row.day,
    queue: row.queue,
    priority: row.priority,
    appointmentId: row.appointment_id,
    matterCategory: row.matter_category,
    issuedAt: row.issued_at,
    // Delivered rows may be pruned from the outbox later; a missing row was delivered long ago.
    delivered: row.outbox_state === null || row.outbox_state === 'delivered',
  };
}
