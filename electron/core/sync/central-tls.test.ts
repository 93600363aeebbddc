import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKioskConfig } from '../../common/config.js';
import { describeNetworkFailure } from './central-client.js';
import { CentralTlsError, loadCentralTls } from './central-tls.js';

const dir = mkdtempSync(join(tmpdir(), 'central-tls-'));
const pem = (label: string) => `-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loading central.tls', () => {
  it('reads the CA, certificate and key files', () => {
    const material = loadCentralTls({ caFile: file('ca.pem', pem('CERTIFICATE')), certFile: file('c.pem', pem('CERTIFICATE')), keyFile: file('k.pem', pem('PRIVATE KEY')) });
    expect(material.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(material.key?.toString()).toContain('BEGIN PRIVATE KEY');
  });

  it('accepts an EC key and a CA alone (server trust only)', () => {
    expect(Object.keys(loadCentralTls({ caFile: file('ca2.pem', pem('CERTIFICATE')) }))).toEqual(['ca']);
    expect(loadCentralTls({ certFile: file('c2.pem', pem('CERTIFICATE')), keyFile: file('ec.pem', pem('EC PRIVATE KEY')) }).key).toBeDefined();
  });

  it('names the field of a missing file, a file that is not PEM, and a certificate without its key', () => {
    expect(() => loadCentralTls({ caFile: join(dir, 'nope.pem') })).toThrow(/central\.tls\.caFile: cannot read .*nope\.pem \(ENOENT\)/);
    expect(() => loadCentralTls({ certFile: file('der.crt', '0\x82\x01'), keyFile: file('k3.pem', pem('PRIVATE KEY')) }))
      .toThrow(/central\.tls\.certFile: .*der\.crt is not a PEM certificate/);
    expect(() => loadCentralTls({ certFile: file('c4.pem', pem('PRIVATE KEY')), keyFile: file('k4.pem', pem('PRIVATE KEY')) }))
      .toThrow(CentralTlsError);
    expect(() => loadCentralTls({ certFile: file('c5.pem', pem('CERTIFICATE')) })).toThrow(/certFile and keyFile go together/);
  });

  it('the config refuses a certificate without its key, and unknown fields', () => {
    const base = { kioskId: 'K1', hall: { name: 'h', regionCode: '330102' }, devices: { idcard: null, citizencard: null, printer: null } };
    const url = 'https://central.example.gov.cn/api/';
    expect(() => parseKioskConfig({ ...base, central: { url, tls: { certFile: 'c.pem' } } })).toThrow(/central\.tls: certFile and keyFile go together/);
    expect(() => parseKioskConfig({ ...base, central: { url, tls: { caFile: 'ca.pem', pfx: 'x' } } })).toThrow(/central\.tls/);
    expect(parseKioskConfig({ ...base, central: { url, tls: { caFile: 'ca.pem' } } }).central.tls).toEqual({ caFile: 'ca.pem' });
  });
});

describe('describing a failure below HTTP', () => {
  const fetchFailed = (cause: Error) => Object.assign(new TypeError('fetch failed'), { cause });
  const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

  it('brings the cause up from behind "fetch failed"', () => {
    expect(describeNetworkFailure(fetchFailed(coded('connect ECONNREFUSED 10.0.0.1:443', 'ECONNREFUSED')), true))
      .toBe('ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:443');
  });

  it('points at central.tls for certificate errors, and for a TLS connection closed on the kiosk', () => {
    expect(describeNetworkFailure(fetchFailed(coded('unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')), true))
      .toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE.*check central\.tls \(the CA file/);
    expect(describeNetworkFailure(fetchFailed(coded('other side closed', 'UND_ERR_SOCKET')), true)).toMatch(/check central\.tls certFile\/keyFile/);
    expect(describeNetworkFailure(fetchFailed(coded('other side closed', 'UND_ERR_SOCKET')), false)).toBe('UND_ERR_SOCKET: other side closed');
  });
});
