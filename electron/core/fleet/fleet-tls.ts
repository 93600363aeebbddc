/**
 * The kiosk's TLS material for the fleet broker (config fleet.tls): the hall CA and this
 * kiosk's client certificate (CN = kiosk id, which the broker takes as the username), the
 * same PKI as the central API's mutual TLS. A missing or non-PEM file names its key.
 */
import { readFileSync } from 'node:fs';
import type { FleetConfig } from '../../common/config.js';

export interface FleetTlsMaterial {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export class FleetTlsError extends Error {
  override readonly name = 'FleetTlsError';
  constructor(
    /** The config key at fault, e.g. 'fleet.tls.certFile'. */
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
  }
}

export function loadFleetTls(tls: NonNullable<FleetConfig['tls']>): FleetTlsMaterial {
  const read = (field: 'caFile' | 'certFile' | 'keyFile', marker: string): Buffer => {
    const file = tls[field];
    let pem: Buffer;
    try {
      pem = readFileSync(file);
    } catch (err) {
      throw new FleetTlsError(`fleet.tls.${field}`, `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const text = pem.toString('latin1');
    if (!text.includes('-----BEGIN ') || !text.includes(marker)) throw new FleetTlsError(`fleet.tls.${field}`, `${file} is not a PEM ${marker.toLowerCase()}`);
    return pem;
  };
  return { ca: read('caFile', 'CERTIFICATE'), cert: read('certFile', 'CERTIFICATE'), key: read('keyFile', 'PRIVATE KEY') };
}
