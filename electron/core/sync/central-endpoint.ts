/**
 * Where the core's central client talks to: the URL, the bearer token and the fetch
 * (mutual TLS when the config has central.tls). Built by the shells' start-up from a
 * config without simulators (a demo composition resolves 'embedded' to its simulator's
 * URL first) and handed to composeKiosk, which never decides it.
 */
import { EMBEDDED_CENTRAL, type KioskConfig } from '../../common/config.js';
import { createTlsFetch, loadCentralTls } from './central-tls.js';

export interface CentralEndpoint {
  url: string;
  token: string;
  fetch?: typeof fetch;
}

/** central.token, else KIOSK_CENTRAL_TOKEN; '' when neither is set (the start-up checks refuse that). */
export function resolveCentralToken(config: KioskConfig, env: NodeJS.ProcessEnv = process.env): string {
  return config.central.token ?? env.KIOSK_CENTRAL_TOKEN ?? '';
}

export class CentralEndpointError extends Error {
  override readonly name = 'CentralEndpointError';
}

/** The endpoint of a config's central API; close() releases the TLS connections. */
export function openCentralEndpoint(config: KioskConfig, env: NodeJS.ProcessEnv = process.env): { endpoint: CentralEndpoint; close(): Promise<void> } {
  if (config.central.url === EMBEDDED_CENTRAL) {
    throw new CentralEndpointError("central.url is 'embedded': the demo composition (scripts/sim/demo.ts) starts that simulator and resolves its URL first");
  }
  const endpoint: CentralEndpoint = { url: config.central.url, token: resolveCentralToken(config, env) };
  if (!config.central.tls) return { endpoint, close: async () => {} };
  const tls = createTlsFetch(loadCentralTls(config.central.tls));
  endpoint.fetch = tls.fetch;
  return { endpoint, close: async () => tls.close() };
}
