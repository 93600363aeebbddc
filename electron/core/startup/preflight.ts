/**
 * The facts the start-up checks need from Node (environment, the ID hash key's source,
 * the PIN's hash) and the lines both shells print before the kiosk starts.
 */
import type { KioskConfig } from '../../common/config.js';
import { DEMO_MAINTENANCE_PIN, verifyMaintenancePin } from '../maintenance/pin.js';
import { demoPinVerdict } from '../maintenance/pin-verdict.js';
import { DEV_ID_HASH_KEY, resolveIdHashKey } from '../store/crypto.js';
import { resolveCentralToken } from '../sync/central-endpoint.js';
import { FleetTlsError, loadFleetTls } from '../fleet/fleet-tls.js';
import { checkStartup, type StartupFacts, type StartupReport } from './startup-checks.js';

export async function gatherStartupFacts(config: KioskConfig, env: NodeJS.ProcessEnv = process.env): Promise<StartupFacts> {
  let idHashKey: StartupFacts['idHashKey'];
  let key: Buffer | null = null;
  try {
    key = resolveIdHashKey(config.dataDir, env);
    idHashKey = key.equals(DEV_ID_HASH_KEY) ? 'development' : 'provisioned';
  } catch (err) {
    idHashKey = { invalid: (err as Error).message };
  }
  const pinHash = config.maintenance.pinHash;
  let fleetTls: StartupFacts['fleetTls'];
  if (config.fleet?.tls) {
    try {
      loadFleetTls(config.fleet.tls);
      fleetTls = 'ok';
    } catch (err) {
      fleetTls = err instanceof FleetTlsError ? { key: err.key, invalid: err.message.slice(err.key.length + 2) } : { key: 'fleet.tls', invalid: (err as Error).message };
    }
  }
  return {
    ...(fleetTls ? { fleetTls } : {}),
    centralToken: resolveCentralToken(config, env),
    idHashKey,
    maintenancePin:
      pinHash === null ? 'off'
      : key ? await demoPinVerdict(pinHash, config.dataDir, key)
      // No usable key (the start is refused for it): no verdict to keep, so hash the PIN.
      : (await verifyMaintenancePin(DEMO_MAINTENANCE_PIN, pinHash)) ? 'demo' : 'own',
  };
}

export async function preflight(config: KioskConfig, env: NodeJS.ProcessEnv = process.env): Promise<StartupReport> {
  return checkStartup(config, await gatherStartupFacts(config, env));
}
