/**
 * A throwaway PKI made with the openssl CLI for the mutual-TLS tests: a hall CA, the
 * central server's certificate (SAN 127.0.0.1 / localhost) and kiosk client
 * certificates (CN = kiosk id), plus a second, foreign CA for the refusals.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CertFiles {
  certFile: string;
  keyFile: string;
}

export interface TestPki {
  dir: string;
  caFile: string;
  server: CertFiles;
  /** A client certificate for `kioskId`, signed by the hall CA (or the foreign CA). */
  client(kioskId: string, options?: { foreign?: boolean }): CertFiles;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string): CertFiles {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', `/CN=${name}`, '-keyout', keyFile, '-out', certFile], dir);
  return { certFile, keyFile };
}

function issue(dir: string, ca: CertFiles, name: string, subject: string, extensions: string): CertFiles {
  const keyFile = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const certFile = join(dir, `${name}.crt`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', subject, '-keyout', keyFile, '-out', csr], dir);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-CAcreateserial', '-days', '2',
    '-extfile', ext, '-out', certFile], dir);
  return { certFile, keyFile };
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pki-'));
  const hallCa = makeCa(dir, 'hall-ca');
  const foreignCa = makeCa(dir, 'foreign-ca');
  const server = issue(dir, hallCa, 'central', '/CN=central.hall.test',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  return {
    dir,
    caFile: hallCa.certFile,
    server,
    client: (kioskId, options = {}) =>
      issue(dir, options.foreign ? foreignCa : hallCa, `${options.foreign ? 'foreign' : 'hall'}-${kioskId}`, `/CN=${kioskId}`,
        'extendedKeyUsage=clientAuth\n'),
  };
}
