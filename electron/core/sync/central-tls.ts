/**
 * Mutual TLS to the central verification API. Halls reach the central system over the
 * government extranet (政务外网), where the kiosk proves which terminal it is with a
 * client certificate as well as its bearer token, and trusts only the extranet's own CA
 * rather than the public roots. The material is read from files (config central.tls)
 * so the key never sits in the config itself.
 *
 * undici's own fetch is used with its own Agent: Node's global fetch is a bundled copy
 * of undici whose version need not match a dispatcher built from the package. The package
 * is imported at the first request, not at start-up: it is 0.75 MB of JavaScript to read,
 * and a kiosk is ready for citizens before it first talks to the central system.
 */
import { readFileSync } from 'node:fs';
import type { Agent, fetch as UndiciFetch } from 'undici';

export interface CentralTlsFiles {
  /** PEM bundle of the CA(s) that signed the central server's certificate; default: Node's public roots. */
  caFile?: string | undefined;
  /** PEM client certificate of this kiosk (its CN is the kiosk id). */
  certFile?: string | undefined;
  /** PEM private key of that certificate. */
  keyFile?: string | undefined;
}

export interface CentralTlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export class CentralTlsError extends Error {
  override readonly name = 'CentralTlsError';
}

/** Reads the files named in config central.tls; a missing or non-PEM file names the config field. */
export function loadCentralTls(files: CentralTlsFiles): CentralTlsMaterial {
  if ((files.certFile === undefined) !== (files.keyFile === undefined)) {
    throw new CentralTlsError('central.tls: certFile and keyFile go together (a client certificate needs its key)');
  }
  const material: CentralTlsMaterial = {};
  for (const [field, path, marker] of [
    ['caFile', files.caFile, 'CERTIFICATE'],
    ['certFile', files.certFile, 'CERTIFICATE'],
    ['keyFile', files.keyFile, 'PRIVATE KEY'],
  ] as const) {
    if (path === undefined) continue;
    let pem: Buffer;
    try {
      pem = readFileSync(path);
    } catch (err) {
      throw new CentralTlsError(`central.tls.${field}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const text = pem.toString('latin1');
    if (!text.includes('-----BEGIN ') || !text.includes(marker)) {
      throw new CentralTlsError(`central.tls.${field}: ${path} is not a PEM ${marker.toLowerCase()}`);
    }
    material[field === 'caFile' ? 'ca' : field === 'certFile' ? 'cert' : 'key'] = pem;
  }
  return material;
}

export interface TlsFetch {
  fetch: typeof fetch;
  close(): Promise<void>;
}

/** A fetch whose connections present the kiosk's certificate and trust the configured CA. */
export function createTlsFetch(material: CentralTlsMaterial): TlsFetch {
  let client: Promise<{ agent: Agent; fetch: typeof UndiciFetch }> | null = null;
  const loaded = () =>
    (client ??= import('undici').then((undici) => ({
      agent: new undici.Agent({ connect: { ...material, rejectUnauthorized: true } }),
      fetch: undici.fetch,
    })));
  const tlsFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const { agent, fetch: undiciFetch } = await loaded();
    return undiciFetch(input as string, { ...(init as object), dispatcher: agent });
  };
  return {
    // The undici package and lib.dom describe the same fetch with separately declared types.
    fetch: tlsFetch as unknown as typeof fetch,
    // Nothing to close before the first request made the agent.
    close: async () => {
      if (client) await (await client).agent.close();
    },
  };
}
