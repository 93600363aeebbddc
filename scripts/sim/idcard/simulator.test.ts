/**
 * The simulator's card data and responder (no PTY here; test/e2e/idcard.test.ts runs
 * the real thing). The decoder is the driver's, the layout the simulator's own.
 */
import { describe, expect, it } from 'vitest';
import { isValidGb11643 } from '../../../native/idcard/gb11643.js';
import { encodeRequest } from '../../../native/idcard/protocol.js';
import { parseCardPayload, parseReply } from '../../../native/idcard/response.js';
import { decodeCardText } from '../../../native/idcard/text.js';
import { encodeCardText } from './card-text.js';
import { SIM_PEOPLE } from './people.js';
import { SamResponder } from './responder.js';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

describe('synthetic people', () => {
  it('has at least 8 residents, one aged 70+, and one J, I and Y card', () => {
    expect(SIM_PEOPLE.filter((p) => p.id.startsWith('resident-'))).toHaveLength(8);
    expect(SIM_PEOPLE.some((p) => p.kind === 'resident' && Number(p.birth.slice(0, 4)) <= new Date().getFullYear() - 70)).toBe(true);
    for (const kind of ['J', 'I', 'Y'] as const) expect(SIM_PEOPLE.some((p) => p.kind === kind)).toBe(true);
  });
  it('gives every 18-digit number a valid check digit, except the card made to fail', () => {
    for (const p of SIM_PEOPLE.filter((x) => x.idNumber.length === 18)) {
      expect(isValidGb11643(p.idNumber), p.id).toBe(p.id !== 'bad-check-digit');
    }
  });
  it('matches each ID number to the birth date and sex on the card', () => {
    for (const p of SIM_PEOPLE.filter((x) => x.kind === 'resident' || x.kind === 'J')) {
      expect(p.idNumber.slice(6, 14), p.id).toBe(p.birth);
      expect(Number(p.idNumber[16]) % 2 === 1 ? '1' : '2', p.id).toBe(p.sex);
    }
  });
  it.each(SIM_PEOPLE.map((p) => [p.id, p] as const))('%s decodes back to its fields', (_id, p) => {
    const r = decodeCardText(encodeCardText(p));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.identity.name).toBe(p.name);
    expect(r.identity.idNumber).toBe(p.idNumber);
    expect(r.identity.birthDate).toBe(`${p.birth.slice(0, 4)}-${p.birth.slice(4, 6)}-${p.birth.slice(6)}`);
  });
});

describe('SamResponder', () => {
  it('answers find card with the PROTOCOLS.md bytes, with and without a card', () => {
    const r = new SamResponder();
    expect(hex(r.respond(encodeRequest('findCard')).reply)).toBe('AA AA AA 96 69 00 04 00 00 80 84');
    r.card = SIM_PEOPLE[0];
    expect(hex(r.respond(encodeRequest('findCard')).reply)).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(hex(r.respond(encodeRequest('selectCard')).reply)).toBe('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');
    expect(hex(r.respond(encodeRequest('samStatus')).reply)).toBe('AA AA AA 96 69 00 04 00 00 90 94');
  });
  it('sends the 1295-byte read reply, and the fingerprint variant', () => {
    const r = new SamResponder();
    r.card = SIM_PEOPLE[1];
    const read = r.respond(encodeRequest('readTextPhoto')).reply;
    expect(read).toHaveLength(1295);
    expect(hex(read.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
    const fp = parseReply(r.respond(encodeRequest('readTextPhotoFingerprint')).reply);
    expect(fp.ok && parseCardPayload(fp.data, true)).toMatchObject({ fingerprint: expect.any(Uint8Array) });
  });
  it('answers every card command with the SAM fault while the SAM is broken, and 41 for failed reads', () => {
    const r = new SamResponder();
    r.card = SIM_PEOPLE[2];
    r.samFault = 0x66;
    expect(hex(r.respond(encodeRequest('samStatus')).reply)).toBe('AA AA AA 96 69 00 04 00 00 66 62');
    r.samFault = undefined;
    r.readFailures = 1;
    expect(hex(r.respond(encodeRequest('readTextPhoto')).reply)).toBe('AA AA AA 96 69 00 04 00 00 41 45');
    expect(r.respond(encodeRequest('readTextPhoto')).reply).toHaveLength(1295);
  });
});
