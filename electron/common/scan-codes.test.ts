import { describe, expect, it } from 'vitest';
import { classifyCode, createCodeClassifier, describeCode, isIdentityCodeKind, MAX_CODE_LENGTH, parseCode } from './scan-codes.js';
import { kioskTicketQrPayload, parseKioskTicketQr } from './ticket-qr.js';

// Hand-written vectors: 32, 43 and 128 characters of base64url.
const T32 = 'abcdefghijklmnopqrstuvwxyzABCDEF';
const T43 = 'Q1RJRC10ZXN0LXRva2VuLTAxMjM0NTY3ODlhYmNkZWY';
const T128 = 'A'.repeat(64) + 'b_-9'.repeat(16);

describe('classifyCode', () => {
  it('recognizes each identity scheme by prefix and token bounds', () => {
    expect(classifyCode(`ESSC:${T32}`)).toBe('social-security-card');
    expect(classifyCode(`ESSC:${T128}`)).toBe('social-security-card');
    expect(classifyCode(`CTID:${T43}`)).toBe('network-id');
    expect(classifyCode(`ZLB:${T32}`)).toBe('zlb');
  });

  it('refuses tokens outside their bounds or charset', () => {
    expect(classifyCode(`ESSC:${T32.slice(1)}`)).toBe('unknown'); // 31 chars
    expect(classifyCode(`ESSC:${T128}x`)).toBe('unknown'); // 129 chars
    expect(classifyCode(`CTID:${T32}`)).toBe('unknown'); // 32 < 43
    expect(classifyCode(`ZLB:${T32.slice(0, 31)}+`)).toBe('unknown'); // '+' is base64, not base64url
    expect(classifyCode(`ZLB:${T32.slice(0, 30)}==`)).toBe('unknown'); // no padding
    expect(classifyCode(`essc:${T32}`)).toBe('unknown'); // prefixes are case-sensitive
  });

  it('returns the token of an identity code, and nothing of other codes', () => {
    expect(parseCode(`CTID:${T43}`)).toEqual({ kind: 'network-id', token: T43 });
    expect(parseCode('hello')).toEqual({ kind: 'unknown' });
  });

  it('recognizes an appointment code in the central API format', () => {
    expect(classifyCode('AP-2026-12-02-3fa9c1-0')).toBe('appointment');
    expect(parseCode('AP-2026-12-02-3fa9c1-12')).toEqual({ kind: 'appointment', appointmentId: 'AP-2026-12-02-3fa9c1-12' });
    expect(classifyCode('AP-20261202-3fa9c1-0')).toBe('unknown');
    expect(classifyCode('AP-2026-12-02-3FA9C1-0')).toBe('unknown');
  });

  it("recognizes this kiosk's ticket QR as printed", () => {
    const text = 'https://track.example.gov.cn/hall?kiosk=HZ-SC-K01&t=AK01-007';
    expect(classifyCode(text)).toBe('kiosk-ticket');
    expect(parseCode(text)).toEqual({ kind: 'kiosk-ticket', trackingBaseUrl: 'https://track.example.gov.cn/hall', kioskId: 'HZ-SC-K01', ticketNo: 'AK01-007' });
  });

  it('refuses links that only look like a ticket', () => {
    expect(classifyCode('https://track.example.gov.cn/hall?kiosk=HZ-SC-K01')).toBe('unknown');
    expect(classifyCode('https://track.example.gov.cn/hall?kiosk=HZ-SC-K01&t=A001&x=1')).toBe('unknown');
    expect(classifyCode('https://track.example.gov.cn/hall?t=A001&kiosk=HZ-SC-K01')).toBe('unknown');
    expect(classifyCode('https://track.example.gov.cn/hall?kiosk=H&t=A001')).toBe('unknown'); // kiosk id too short
    expect(classifyCode('ftp://track.example.gov.cn/hall?kiosk=HZ-SC-K01&t=A001')).toBe('unknown');
    expect(classifyCode('https://track.example.gov.cn/hall?evaluate=HZ-SC-K01%2FA001')).toBe('unknown'); // the 好差评 QR
  });

  it('rejects garbage by bytes before any pattern: empty, too long, spaces, controls, non-ASCII', () => {
    expect(classifyCode('')).toBe('unknown');
    expect(classifyCode(`ESSC:${'A'.repeat(MAX_CODE_LENGTH)}`)).toBe('unknown');
    expect(classifyCode(`ESSC:${T32} `)).toBe('unknown');
    expect(classifyCode(`ESSC:${T32}\r`)).toBe('unknown');
    expect(classifyCode(`ESSC:${T32.slice(0, 31)}\u0000`)).toBe('unknown');
    expect(classifyCode('AP-2026-12-02-3fa9c1-0\u00e9')).toBe('unknown');
    expect(classifyCode('https://track.example.gov.cn/办事?kiosk=HZ-SC-K01&t=A001')).toBe('unknown');
    expect(classifyCode('6901234567892')).toBe('unknown'); // an EAN-13 product barcode
  });

  it('takes issuer formats as data', () => {
    const classifier = createCodeClassifier([{ kind: 'zlb', prefix: 'zlb://', minTokenLength: 8, maxTokenLength: 16 }]);
    expect(classifier.classify('zlb://abcdefgh')).toBe('zlb');
    expect(classifier.classify(`ZLB:${T32}`)).toBe('unknown');
  });

  it('describes a code by kind and length only', () => {
    expect(describeCode(`CTID:${T43}`)).toBe('network-id (48 chars)');
    expect(describeCode(`CTID:${T43}`)).not.toContain(T43);
    expect(isIdentityCodeKind('network-id')).toBe(true);
    expect(isIdentityCodeKind('kiosk-ticket')).toBe(false);
  });
});

describe('ticket QR payload', () => {
  it('is the tracking link the ticket desk prints, and reads back', () => {
    const ref = { trackingBaseUrl: 'https://track.example.gov.cn/hall', kioskId: 'TEST-K01', ticketNo: 'AK01-001' };
    expect(kioskTicketQrPayload(ref)).toBe('https://track.example.gov.cn/hall?kiosk=TEST-K01&t=AK01-001');
    expect(parseKioskTicketQr(kioskTicketQrPayload(ref))).toEqual(ref);
  });
});
