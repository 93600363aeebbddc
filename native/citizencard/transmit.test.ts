import { describe, expect, it } from 'vitest';
import { hex, script, show } from './apdu-script.test-support.js';
import { readRecordById } from './apdu.js';
import { ApduProtocolError, transmit, type ApduTransport } from './transmit.js';

describe('transmit', () => {
  it('passes a plain 9000 answer through', async () => {
    const t = script([['00 B2 07 00 0B', '07 09 41 30 31 32 33 34 35 36 37 90 00']]);
    const r = await transmit(t, readRecordById(7, 11));
    expect(r.sw).toBe(0x9000);
    expect(r.data.length).toBe(11);
  });
  it('follows 61xx with GET RESPONSE', async () => {
    const t = script([
      ['00 B2 07 00 0B', '61 0B'],
      ['00 C0 00 00 0B', '07 09 41 30 31 32 33 34 35 36 37 90 00'],
    ]);
    const r = await transmit(t, readRecordById(7, 11));
    expect(r.sw).toBe(0x9000);
    expect(show(r.data)).toBe('07 09 41 30 31 32 33 34 35 36 37');
  });
  it('concatenates chained 61xx answers', async () => {
    const t = script([
      ['00 B2 01 00 12', '01 10 61 10'],
      ['00 C0 00 00 10', '33 33 30 31 30 30 44 31 35 36 30 30 30 30 30 35 90 00'],
    ]);
    const r = await transmit(t, readRecordById(1, 0x12));
    expect(r.data.length).toBe(18);
    expect(show(r.data.subarray(0, 3))).toBe('01 10 33');
  });
  it('resends with the Le from 6Cxx', async () => {
    const t = script([
      ['00 B2 07 00 20', '6C 0B'],
      ['00 B2 07 00 0B', '07 09 41 30 31 32 33 34 35 36 37 90 00'],
    ]);
    const r = await transmit(t, readRecordById(7, 0x20));
    expect(r.sw).toBe(0x9000);
    expect(t.sent).toHaveLength(2);
  });
  it('handles 6Cxx then 61xx (T=0 card with a strict Le)', async () => {
    const t = script([
      ['00 B2 07 00 20', '6C 0B'],
      ['00 B2 07 00 0B', '61 0B'],
      ['00 C0 00 00 0B', '07 09 41 30 31 32 33 34 35 36 37 90 00'],
    ]);
    expect((await transmit(t, readRecordById(7, 0x20))).data.length).toBe(11);
  });
  it('returns error statuses unchanged for the application to judge', async () => {
    const t = script([['00 B2 07 00 0B', '6A 83']]);
    expect((await transmit(t, readRecordById(7, 11))).sw).toBe(0x6a83);
  });
  it('gives up on a card that answers 61xx for ever', async () => {
    const endless: ApduTransport = { transmit: async () => hex('61 01') };
    await expect(transmit(endless, readRecordById(7, 11), { maxGetResponse: 4 })).rejects.toThrow(ApduProtocolError);
  });
});
