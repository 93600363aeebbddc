/**
 * Codec tests from byte vectors copied by hand from PROTOCOLS.md §1.
 */
import { describe, expect, it } from 'vitest';
import { encodeRequest, commandOf, type CommandName } from './protocol.js';
import { parseCardPayload, parseReply } from './response.js';
import { samStatus } from './status.js';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));
const PRE = 'AA AA AA 96 69';

describe('request frames', () => {
  const vectors: Array<[CommandName, string]> = [
    ['resetSam', '00 03 10 FF EC'],
    ['samStatus', '00 03 11 FF ED'],
    ['samId', '00 03 12 FF EE'],
    ['findCard', '00 03 20 01 22'],
    ['selectCard', '00 03 20 02 21'],
    ['readTextPhoto', '00 03 30 01 32'],
    ['readTextPhotoFingerprint', '00 03 30 10 23'],
    ['readExtraAddress', '00 03 30 03 30'],
  ];
  it.each(vectors)('%s is %s after the preamble', (name, body) => {
    expect(encodeRequest(name)).toEqual(hex(`${PRE} ${body}`));
    expect(commandOf(hex(`${PRE} ${body}`))).toBe(name);
  });
  it('does not recognise an unknown command', () => {
    expect(commandOf(hex(`${PRE} 00 03 55 55 03`))).toBeUndefined();
  });
});

describe('reply frames', () => {
  it('SAM status OK', () => {
    const r = parseReply(hex(`${PRE} 00 04 00 00 90 94`));
    expect(r.ok && r.status.code).toBe('ok');
  });
  it('card found, with its 4 data bytes', () => {
    const r = parseReply(hex(`${PRE} 00 08 00 00 9F 00 00 00 00 97`));
    expect(r.ok && r.status.code).toBe('card-found');
    expect(r.ok && r.data).toEqual(hex('00 00 00 00'));
  });
  it('no card', () => {
    const r = parseReply(hex(`${PRE} 00 04 00 00 80 84`));
    expect(r.ok && r.status).toMatchObject({ code: 'no-card', ok: false });
  });
  it('select OK with 8 zero bytes, and select failed', () => {
    const ok = parseReply(hex(`${PRE} 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C`));
    expect(ok.ok && ok.status.code).toBe('ok');
    expect(ok.ok && ok.data.length).toBe(8);
    const failed = parseReply(hex(`${PRE} 00 04 00 00 81 85`));
    expect(failed.ok && failed.status.code).toBe('select-failed');
  });
  it('SAM id: 16 bytes after SW3', () => {
    // LEN = 3 + 16 + 1 = 0x14; CHK = 14 ^ 90 ^ (01..10 xor = 0x10) = 0x94
    const data = '01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10';
    const r = parseReply(hex(`${PRE} 00 14 00 00 90 ${data} 94`));
    expect(r.ok && r.data).toEqual(hex(data));
  });
  it('read text + photo: 1295 bytes, lengths 01 00 and 04 00', () => {
    const frame = new Uint8Array(1295);
    frame.set(hex(`${PRE} 05 08 00 00 90 01 00 04 00`));
    frame.fill(0x20, 14, 14 + 256); // spaces (low bytes of UCS-2)
    frame.fill(0x00, 14 + 256, 14 + 256 + 1024);
    // CHK: 05^08^90^01^04 = 0x98; 256 × 0x20 xor to 0; photo zeros.
    frame[1294] = 0x98;
    const r = parseReply(frame);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const payload = parseCardPayload(r.data, false);
    expect('ok' in payload).toBe(false);
    if ('ok' in payload) return;
    expect(payload.text.length).toBe(256);
    expect(payload.photo.length).toBe(1024);
    expect(payload.fingerprint).toBeUndefined();
  });
  it('read text + photo + fingerprint: three lengths then the blocks', () => {
    const data = new Uint8Array(6 + 256 + 1024 + 1024);
    data.set(hex('01 00 04 00 04 00'));
    data[6 + 256 + 1024] = 0x43; // first fingerprint byte
    const payload = parseCardPayload(data, true);
    expect('ok' in payload).toBe(false);
    if ('ok' in payload) return;
    expect(payload.fingerprint?.length).toBe(1024);
    expect(payload.fingerprint?.[0]).toBe(0x43);
  });
  it('rejects a payload whose lengths do not add up', () => {
    const payload = parseCardPayload(hex('01 00 04 00 00 00'), false);
    expect(payload).toMatchObject({ ok: false, code: 'bad-payload' });
  });
  it('rejects a bad checksum, a bad length, a bad preamble and a short frame', () => {
    expect(parseReply(hex(`${PRE} 00 04 00 00 90 95`))).toMatchObject({ ok: false, code: 'bad-checksum' });
    expect(parseReply(hex(`${PRE} 00 05 00 00 90 94`))).toMatchObject({ ok: false, code: 'bad-length' });
    expect(parseReply(hex('AA AA AA 96 68 00 04 00 00 90 94'))).toMatchObject({ ok: false, code: 'bad-preamble' });
    expect(parseReply(hex(`${PRE} 00`))).toMatchObject({ ok: false, code: 'too-short' });
    expect(parseReply(hex(`${PRE} FF FF 00 00 90 00`))).toMatchObject({ ok: false, code: 'too-long' });
  });
});

describe('SW3 statuses', () => {
  const table: Array<[number, string]> = [
    [0x90, 'ok'], [0x91, 'no-such-item'], [0x9f, 'card-found'], [0x10, 'checksum-error'], [0x11, 'length-error'],
    [0x21, 'command-error'], [0x23, 'unauthorised'], [0x24, 'unknown-error'], [0x31, 'card-auth-failed'],
    [0x32, 'sam-auth-failed'], [0x33, 'verification-failed'], [0x40, 'unknown-card-type'], [0x41, 'read-failed'],
    [0x47, 'random-number-failed'], [0x80, 'no-card'], [0x81, 'select-failed'], [0x60, 'sam-self-test-failed'],
    [0x66, 'sam-not-authorised'], [0x01, 'host-port-error'], [0x02, 'host-receive-timeout'], [0x03, 'host-transfer-error'],
  ];
  it.each(table)('0x%s maps to %s with a message', (sw3, code) => {
    const status = samStatus(sw3);
    expect(status.code).toBe(code);
    expect(status.message.length).toBeGreaterThan(10);
  });
  it('parses each status out of a real frame', () => {
    for (const [sw3, code] of table) {
      const frame = hex(`${PRE} 00 04 00 00 ${sw3.toString(16)} ${(0x04 ^ sw3).toString(16)}`);
      const r = parseReply(frame);
      expect(r.ok && r.status.code).toBe(code);
    }
  });
  it('flags SAM faults and success', () => {
    expect(samStatus(0x60).samFault).toBe(true);
    expect(samStatus(0x66).samFault).toBe(true);
    expect(samStatus(0x41).samFault).toBe(false);
    expect(samStatus(0x9f).ok).toBe(true);
    expect(samStatus(0x80).ok).toBe(false);
  });
  it('keeps an unknown status typed', () => {
    expect(samStatus(0x77)).toMatchObject({ code: 'unrecognised', ok: false });
    expect(samStatus(0x77).message).toContain('0x77');
  });
});
