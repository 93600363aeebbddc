import { describe, expect, it } from 'vitest';
import type { ReplyRecord } from '../sim/idcard/index.js';
import { exchangesWireTimeMs, presentationExchanges, PresentationRecordsError } from './card-wire-time.js';

const record = (command: ReplyRecord['command'], requestAt: number, bytes: number, requestBytes = 10): ReplyRecord => ({
  command, bytes, requestBytes, requestAt, firstByteAt: requestAt + 1, lastByteAt: requestAt + 2,
});

describe('the wire time of a card presentation', () => {
  it('is 1,359 bytes × 10 bits at 115200 baud for find (10 + 15), select (10 + 19) and read (10 + 1295)', () => {
    const frames = [record('findCard', 0, 15), record('selectCard', 5, 19), record('readTextPhoto', 10, 1295)];
    // 13,590 bits / 115,200 bit/s, worked by hand.
    expect(exchangesWireTimeMs(frames, 115200)).toBeCloseTo(117.96875, 6);
    expect(exchangesWireTimeMs(frames, 9600)).toBeCloseTo(1415.625, 6);
  });

  it('picks the find that saw the card, not the empty polls before it or the polls after the read', () => {
    const log = [
      record('findCard', 90, 11), // no card yet (placed at 100)
      record('findCard', 140, 15), // saw it
      record('selectCard', 142, 19),
      record('readTextPhoto', 145, 1295),
      record('findCard', 260, 15), // the card still on the reader
    ];
    const { find, select, read } = presentationExchanges(log, 100);
    expect([find.requestAt, select.requestAt, read.requestAt]).toEqual([140, 142, 145]);
  });

  it('counts a find that was already on the wire when the card arrived', () => {
    // Requested at 99, answered after the card landed at 100: the responder saw the card.
    const log = [record('findCard', 99, 15), record('selectCard', 101, 19), record('readTextPhoto', 104, 1295)];
    expect(presentationExchanges(log, 100).find.requestAt).toBe(99);
  });

  it('ignores an earlier presentation and says which exchange is missing', () => {
    const earlier = [record('findCard', 10, 15), record('selectCard', 12, 19), record('readTextPhoto', 14, 1295)];
    expect(() => presentationExchanges(earlier, 100)).toThrow(PresentationRecordsError);
    expect(() => presentationExchanges([...earlier, record('findCard', 120, 15), record('selectCard', 122, 19)], 100)).toThrow(/no read exchange/);
  });
});
