import { describe, expect, it } from 'vitest';
import {
  ApduFormatError,
  describeStatus,
  encodeCommand,
  getResponse,
  parseResponse,
  readRecordById,
  readRecordBySfi,
  selectByAid,
  selectFile,
} from './apdu.js';
import { SSC_AID } from './social-security.js';

const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => Number.parseInt(b, 16)));

describe('command APDUs (bytes from PROTOCOLS.md §2)', () => {
  it('selects the social-security application by AID', () => {
    expect(encodeCommand(selectByAid(SSC_AID))).toEqual(hex('00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF'));
  });
  it('selects EF05 and EF06 by file id', () => {
    expect(encodeCommand(selectFile(0xef05))).toEqual(hex('00 A4 02 00 02 EF 05'));
    expect(encodeCommand(selectFile(0xef06))).toEqual(hex('00 A4 02 00 02 EF 06'));
  });
  it('reads a record by id with Le = length + 2', () => {
    expect(encodeCommand(readRecordById(0x07, 11))).toEqual(hex('00 B2 07 00 0B'));
  });
  it('reads record 07 of EF05 by SFI without selecting (P2 2C)', () => {
    expect(encodeCommand(readRecordBySfi(5, 0x07, 0x0b))).toEqual(hex('00 B2 07 2C 0B'));
    expect(encodeCommand(readRecordBySfi(6, 0x08, 0x14))).toEqual(hex('00 B2 08 34 14'));
  });
  it('builds GET RESPONSE, Le 256 as 00', () => {
    expect(encodeCommand(getResponse(0x12))).toEqual(hex('00 C0 00 00 12'));
    expect(encodeCommand(getResponse(256))).toEqual(hex('00 C0 00 00 00'));
  });
  it('rejects values that do not fit a short APDU', () => {
    expect(() => encodeCommand({ cla: 0, ins: 0xb2, p1: 300, p2: 0 })).toThrow(ApduFormatError);
    expect(() => encodeCommand({ cla: 0, ins: 0xb2, p1: 0, p2: 0, le: 257 })).toThrow(ApduFormatError);
    expect(() => encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(256) })).toThrow(/at most 255/);
    expect(() => readRecordBySfi(31, 1, 2)).toThrow(/SFI/);
  });
});

describe('response APDUs', () => {
  it('splits data from SW1 SW2', () => {
    const r = parseResponse(hex('07 09 41 30 31 32 33 34 35 36 37 90 00'));
    expect(r.sw).toBe(0x9000);
    expect(r.sw1).toBe(0x90);
    expect(r.data).toEqual(hex('07 09 41 30 31 32 33 34 35 36 37'));
  });
  it('parses a bare status word', () => {
    expect(parseResponse(hex('6A 82'))).toEqual({ data: new Uint8Array(0), sw1: 0x6a, sw2: 0x82, sw: 0x6a82 });
  });
  it('refuses a response without a status word', () => {
    expect(() => parseResponse(hex('90'))).toThrow(ApduFormatError);
    expect(() => parseResponse(new Uint8Array(0))).toThrow(/no status word/);
  });
  it('names status words', () => {
    expect(describeStatus(0x9000)).toBe('success');
    expect(describeStatus(0x6a82)).toMatch(/not found/);
    expect(describeStatus(0x6a83)).toMatch(/record not found/);
    expect(describeStatus(0x6112)).toMatch(/18 more byte/);
    expect(describeStatus(0x6c0b)).toMatch(/Le = 11/);
    expect(describeStatus(0x63c2)).toMatch(/2 tries left/);
    expect(describeStatus(0x6283)).toMatch(/locked/);
    expect(describeStatus(0x1234)).toBe('unknown status');
  });
});
