/**
 * What a kiosk must not start with. Pure: preflight.ts gathers the facts that need Node
 * (environment, key files, the PIN's hash); both shells print the same report.
 *
 * A demo config (one that names a simulator, see config.ts) starts with warnings; a
 * production config fails closed on anything only fit for a demo.
 */
import { EMBEDDED_CENTRAL, isDemoConfig, simulatedKeys, type KioskConfig } from '../../common/config.js';
import { DEMO_MAINTENANCE_PIN } from '../maintenance/pin.js';
import { knownFaceMatchers } from '../face/local-matcher.js';

export interface StartupFacts {
  /** central.token, else KIOSK_CENTRAL_TOKEN; '' when neither is set. */
  centralToken: string;
  /** Where the hall ID hash key comes from; 'development' is the shared key in the source. */
  idHashKey: 'provisioned' | 'development' | { invalid: string };
  /** The maintenance PIN: none configured, the demo's, or the hall's own. */
  maintenancePin: 'off' | 'demo' | 'own';
  /** fleet.tls read as PEM files; absent: no fleet section or no fleet.tls. */
  fleetTls?: 'ok' | { key: string; invalid: string };
}

export interface StartupProblem {
  /** The config key or environment variable at fault. */
  key: string;
  /** What is wrong and what to do. */
  message: string;
}

export interface StartupReport {
  mode: 'demo' | 'production';
  /** Non-empty: the kiosk must not start. */
  refusals: StartupProblem[];
  /** Printed at start-up by both shells. */
  warnings: string[];
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

export function checkStartup(config: KioskConfig, facts: StartupFacts): StartupReport {
  if (isDemoConfig(config)) return { mode: 'demo', refusals: [], warnings: demoWarnings(config, facts) };
  const refusals: StartupProblem[] = [];
  const url = new URL(config.central.url);
  if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.test(url.hostname)) {
    refusals.push({
      key: 'central.url',
      message: `${config.central.url} is plain http to another machine: citizens' records would cross the network unencrypted; use the central API's https:// address`,
    });
  }
  if (facts.centralToken.trim() === '') {
    refusals.push({ key: 'central.token', message: "no central API token: set central.token in the config or KIOSK_CENTRAL_TOKEN in the kiosk's environment" });
  }
  if (facts.idHashKey === 'development') {
    refusals.push({
      key: 'KIOSK_ID_HASH_KEY',
      message: "the hall ID hash key is the development key from the source code: provision the hall's key as KIOSK_ID_HASH_KEY (64 hex digits) or <dataDir>/keys/id-hash.key (32 bytes)",
    });
  } else if (typeof facts.idHashKey === 'object') {
    refusals.push({ key: 'KIOSK_ID_HASH_KEY', message: facts.idHashKey.invalid });
  }
  if (facts.maintenancePin === 'demo') {
    refusals.push({
      key: 'maintenance.pinHash',
      message: `the maintenance PIN is the demo ${DEMO_MAINTENANCE_PIN}: set your own with npm run -s maintenance-pin (or null for no maintenance screen)`,
    });
  }
  refusals.push(...fleetRefusals(config, facts));
  if (!knownFaceMatchers().includes(config.face.matcher)) {
    refusals.push({
      key: 'face.matcher',
      message: `"${config.face.matcher}" is no face matcher of this build (${knownFaceMatchers().join(', ')}): use "central", or register the vendor's 人证比对 matcher (electron/core/face/local-matcher.ts)`,
    });
  }
  return { mode: 'production', refusals, warnings: [] };
}

/** A hall kiosk reaches the fleet broker over TLS with its own certificate, or not at all. */
function fleetRefusals(config: KioskConfig, facts: StartupFacts): StartupProblem[] {
  const fleet = config.fleet;
  if (!fleet) return [];
  const url = new URL(fleet.url);
  if (url.protocol !== 'mqtts:' && !LOOPBACK_HOSTS.test(url.hostname)) {
    return [{ key: 'fleet.url', message: `${fleet.url} is plain MQTT to another machine: use the broker's mqtts:// address with fleet.tls` }];
  }
  if (url.protocol === 'mqtts:' && !fleet.tls) {
    return [{ key: 'fleet.tls', message: "no client certificate for the fleet broker: set fleet.tls {caFile, certFile, keyFile} (the hall PKI; the certificate's CN is the kiosk id)" }];
  }
  if (typeof facts.fleetTls === 'object') return [{ key: facts.fleetTls.key, message: facts.fleetTls.invalid }];
  return [];
}

function demoWarnings(config: KioskConfig, facts: StartupFacts): string[] {
  const warnings = [
    `DEMO MODE: ${simulatedKeys(config).join(', ')} run on simulators; a hall kiosk names its real devices and central API (README "Demo and production configuration")`,
  ];
  if (config.central.url === EMBEDDED_CENTRAL) warnings.push('DEMO MODE: records go to the embedded central simulator, not to a central system');
  if (facts.maintenancePin === 'demo') {
    warnings.push(`the maintenance PIN is the demo ${DEMO_MAINTENANCE_PIN}: set your own with npm run -s maintenance-pin`);
  }
  return warnings;
}

/** One message naming every refusal; both shells print it and exit. */
export class StartupRefusedError extends Error {
  override readonly name = 'StartupRefusedError';
  constructor(
    readonly source: string,
    readonly refusals: StartupProblem[],
  ) {
    super(`the kiosk refuses to start with ${source}, a production config (it names no simulator):\n${refusals.map((r) => `  - ${r.key}: ${r.message}`).join('\n')}`);
  }
}
