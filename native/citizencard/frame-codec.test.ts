import { describe, expect, it } from 'vitest';
import { encodeFrame, StxEtxFramer, CMD } from './frame-codec.js';

const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => Number.parseInt(b, 16)));

// Vectors written by hand from README.md: BCC = XOR(LEN_hi, LEN_lo, CMD, DATA…).
// status request: 02 | 00 01 | 31 | BCC = 00^01^31 = 30 | 03
const STATUS_REQUEST = '02 00 01 31 30 03';
// status reply "card present": 02 | 00 03 | B1 | 00 01 | BCC = 00^03^B1^00^01 = B3 | 03
const STATUS_REPLY = '02 00 03 B1 00 01 B3 03';
// APDU request 00 B2 07 2C 0B: 02 | 00 06 | 34 | 00 B2 07 2C 0B | BCC | 03
// BCC = 00^06^34^00^B2^07^2C^0B = A0
const APDU_REQUEST = '02 00 06 34 00 B2 07 2C 0B A0 03';

describe('STX/ETX frame codec', () => {
  it('encodes requests byte for byte', () => {
    expect(encodeFrame({ cmd: CMD.status, data: new Uint8Array(0) })).toEqual(hex(STATUS_REQUEST));
    expect(encodeFrame({ cmd: CMD.apdu, data: hex('00 B2 07 2C 0B') })).toEqual(hex(APDU_REQUEST));
  });
  it('decodes a reply', () => {
    expect(new StxEtxFramer().push(hex(STATUS_REPLY))).toEqual([{ cmd: 0xb1, data: hex('00 01') }]);
  });
  it('reassembles a frame split in single bytes', () => {
    const framer = new StxEtxFramer();
    const frames = hex(APDU_REQUEST).reduce<unknown[]>((acc, b) => [...acc, ...framer.push(Uint8Array.of(b))], []);
    expect(frames).toEqual([{ cmd: 0x34, data: hex('00 B2 07 2C 0B') }]);
  });
  it('resyncs after garbage, a bad BCC and a bad ETX', () => {
    const framer = new StxEtxFramer();
    const stream = hex(`FF 13 02 00 ${STATUS_REQUEST} 02 00 03 B1 00 01 B4 03 02 00 03 B1 00 01 B3 04 ${STATUS_REPLY}`);
    expect(framer.push(stream)).toEqual([
      { cmd: 0x31, data: new Uint8Array(0) },
      { cmd: 0xb1, data: hex('00 01') },
    ]);
    expect(framer.discarded).toBe(4 + 8 + 8);
  });
  it('does not let a stray STX with a plausible length hide the frame behind it', () => {
    // 02 00 55 would announce 85 more bytes; the complete reply after it is taken at once.
    const framer = new StxEtxFramer();
    expect(framer.push(hex(`FF 02 00 55 55 55 ${STATUS_REPLY}`))).toEqual([{ cmd: 0xb1, data: hex('00 01') }]);
    expect(framer.discarded).toBe(6);
  });
  it('skips a stray STX with an impossible length', () => {
    const framer = new StxEtxFramer();
    expect(framer.push(hex(`02 7F FF ${STATUS_REQUEST}`))).toEqual([{ cmd: 0x31, data: new Uint8Array(0) }]);
    expect(framer.push(hex('02 00 00'))).toEqual([]);
    expect(framer.push(hex(STATUS_REPLY))).toHaveLength(1);
  });
});
