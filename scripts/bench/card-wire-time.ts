/**
 * The limit of a card-to-screen timing: the wire time of the three exchanges one card
 * presentation needs (find → select → read), taken from the frames the simulator
 * actually exchanged, so a change to a frame's size moves the limit with it.
 */
import { wireTimeMs } from '../../native/idcard/protocol.js';
import type { ReplyRecord } from '../sim/idcard/index.js';

export interface PresentationExchanges {
  /** The find-card poll that saw the card (the last one before the select). */
  find: ReplyRecord;
  select: ReplyRecord;
  read: ReplyRecord;
}

export class PresentationRecordsError extends Error {
  override readonly name = 'PresentationRecordsError';
}

/**
 * Picks one presentation's exchanges from the simulator's reply log: the first select and
 * read requested after `placedAt`, and the last find requested before that select.
 * Throws a PresentationRecordsError naming the missing exchange.
 */
export function presentationExchanges(records: readonly ReplyRecord[], placedAt: number): PresentationExchanges {
  const after = records.filter((r) => r.requestAt >= placedAt);
  const select = after.find((r) => r.command === 'selectCard');
  if (!select) throw new PresentationRecordsError('no select-card exchange after the card was placed');
  const read = after.find((r) => (r.command === 'readTextPhoto' || r.command === 'readTextPhotoFingerprint') && r.requestAt >= select.requestAt);
  if (!read) throw new PresentationRecordsError('no read exchange after the select');
  const find = records.findLast((r) => r.command === 'findCard' && r.requestAt <= select.requestAt);
  if (!find) throw new PresentationRecordsError('no find-card exchange before the select');
  return { find, select, read };
}

/** Request and reply bytes of every exchange, 10 bits a byte (8N1), at `baud`. */
export function exchangesWireTimeMs(exchanges: ReadonlyArray<Pick<ReplyRecord, 'bytes' | 'requestBytes'>>, baud: number): number {
  const bytes = exchanges.reduce((sum, e) => sum + e.requestBytes + e.bytes, 0);
  return wireTimeMs(bytes, baud);
}
