/**
 * The composition root shared by both shells: from a validated config without
 * simulators, the central endpoint and the device factories its caller gives, it opens
 * the local store, links the central system (client + forwarder), builds the devices
 * and the journeys, and returns a started KioskCore. It never starts a simulator: in
 * demo mode the shell's start-up (startup/start-kiosk.ts) has the demo composition
 * start them and resolve their addresses into the config first.
 */
import { readFileSync } from 'node:fs';
import { simulatedKeys, type KioskConfig } from '../common/config.js';
import type { KioskInfo } from '../common/contract.js';
import { ServiceAvailability } from './service/availability.js';
import { ServiceStateFile } from './service/service-state-file.js';
import { KioskCore, type KioskDevices } from './kiosk-core.js';
import { KioskStore } from './store/kiosk-store.js';
import { resolveIdHashKey } from './store/crypto.js';
import { CentralClient } from './sync/central-client.js';
import type { CentralEndpoint } from './sync/central-endpoint.js';
import { Forwarder } from './sync/forwarder.js';
import { SyncLink } from './sync-link.js';
import { Journeys } from './journeys/journeys.js';
import type { DeviceFactories } from './devices/factories.js';
import { MaintenanceDesk } from './maintenance/maintenance-desk.js';
// Type only: the fleet link (and mqtt under it) is loaded when a config names a broker.
import type { FleetLink, FleetShellHooks } from './fleet/fleet-link.js';
import { StoredCommandLedger } from './fleet/command-ledger.js';
import { FaceDesk } from './journeys/face-desk.js';
import type { LogLevelControl } from './log-level.js';
import { loadGbEncoder } from '../../native/text/gb-text.js';

export interface ComposedKiosk {
  core: KioskCore;
  config: KioskConfig;
  store: KioskStore;
  forwarder: Forwarder;
  /** The link to the fleet broker; null when the config has no `fleet` section. */
  fleet: FleetLink | null;
  centralUrl: string;
  close(): Promise<void>;
}

export interface ComposeOptions {
  shell: KioskInfo['shell'];
  /** The central API the client talks to (a production config's, or the demo's simulator). */
  central: CentralEndpoint;
  /** Builds each device the config names (the real drivers: devices/factories.ts). */
  deviceFactories: DeviceFactories;
  /** Heartbeat period of the central link; tests shorten it. */
  heartbeatMs?: number;
  /** Device driver timings (tests shorten polling). */
  pollIntervalMs?: number;
  /** Devices given ready-made instead of built from the config (benchmarks inject card events directly). */
  devices?: KioskDevices;
  /** How often a kiosk whose disk filled up looks for free space again. */
  spaceCheckMs?: number;
  /** What the shell offers fleet commands (a screenshot of its screen). */
  fleetShell?: FleetShellHooks;
  /** Reconnect delays to the fleet broker; tests shorten them. */
  fleetBackoff?: { minMs: number; maxMs: number };
  /** The kiosk's log level as the shell installed it (log-level.ts): the fleet's set-log-level sets it. */
  logLevel?: LogLevelControl;
}

export class ComposeError extends Error {
  override readonly name = 'ComposeError';
}

export async function composeKiosk(config: KioskConfig, options: ComposeOptions): Promise<ComposedKiosk> {
  const unresolved = simulatedKeys(config);
  if (unresolved.length > 0) {
    throw new ComposeError(`${unresolved.join(', ')} still name a simulator: start the demo composition (scripts/sim/demo.ts startDemo) and compose its resolved config`);
  }
  const closers: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const store = KioskStore.open({ dataDir: config.dataDir, kioskId: config.kioskId, idHashKey: resolveIdHashKey(config.dataDir), timeZone: config.hall.timeZone });
    closers.push(() => store.close());
    const { url, token, fetch } = options.central;
    const central = new CentralClient({ baseUrl: url, token, timeoutMs: config.central.timeoutMs, ...(fetch ? { fetch } : {}) });
    const forwarder = new Forwarder({ store, client: central, ...(options.heartbeatMs ? { heartbeatIntervalMs: options.heartbeatMs } : {}) });
    const sync = new SyncLink(forwarder, store, options.spaceCheckMs);
    // Wake the forwarder as soon as a record is committed: tickets reach the centre within a heartbeat.
    store.on('committed', () => forwarder.kick());

    const poll = options.pollIntervalMs;
    const factories = options.deviceFactories;
    const devices: KioskDevices = { ...options.devices };
    if (config.devices.idcard && !devices.idcard) devices.idcard = factories.idcard(config.devices.idcard, poll ? { pollIntervalMs: poll } : {});
    if (config.devices.citizencard && !devices.citizencard) devices.citizencard = factories.citizencard(config.devices.citizencard, poll ? { pollMs: poll } : {});
    if (config.devices.printer && !devices.printer) devices.printer = factories.printer(config.devices.printer);
    if (config.devices.scanner && !devices.scanner) devices.scanner = factories.scanner(config.devices.scanner, {});

    let sessions: { current(): unknown } | null = null; // the core's, once it exists
    const journeys = new Journeys({
      store,
      central,
      printer: devices.printer,
      hallName: config.hall.name,
      timeZone: config.hall.timeZone,
      kioskId: config.kioskId,
      trackingBaseUrl: config.hall.trackingUrl,
      onStoreFull: (message) => sync.markNotAccepting(message),
      catalog: { inSession: () => (sessions?.current() ?? null) !== null },
    });
    journeys.catalog.seedFromFile();
    // Runs before the store closes (closers run in reverse): a catalog answer arriving
    // during shutdown must not reach a closed database.
    closers.push(() => journeys.catalog.stop());

    const maintenance = new MaintenanceDesk({
      pinHash: config.maintenance.pinHash,
      kioskId: config.kioskId,
      version: kioskVersion(),
      shell: options.shell,
      centralUrl: url,
      printer: devices.printer,
      outbox: {
        quarantined: () => store.outbox.quarantined(),
        freeBytes: () => {
          try {
            return store.freeBytes();
          } catch {
            return null;
          }
        },
        audit: (action, detail) => store.audit('staff', action, null, null, detail),
      },
      lockout: store.maintenanceLockout,
      syncNow: () => forwarder.kick(),
    });
    const service = new ServiceAvailability({
      openingHours: config.service.openingHours,
      dailyRestartAt: config.service.dailyRestartAt,
      timeZone: config.hall.timeZone,
      file: new ServiceStateFile(config.dataDir),
    });
    let markFaceVerified: (sessionId: string) => boolean = () => false; // the core's, once it exists
    const face = new FaceDesk({
      central,
      matcher: config.face.matcher,
      timeoutMs: config.face.timeoutMs,
      markFaceVerified: (sessionId) => markFaceVerified(sessionId),
      audit: (subject, outcome) => store.audit('kiosk', 'face.verify', 'idHash' in subject ? subject.idHash : null, null, `刷脸 ${outcome}`),
    });
    const core = new KioskCore({ config, shell: options.shell, devices, sync, journeys, maintenance, service, face });
    markFaceVerified = (sessionId) => core.markFaceVerified(sessionId);
    sessions = core.sessions;
    // A citizen identified: the queues are fetched and the ticket's GB18030 encoder is built
    // (~40 ms, once) now, so the tap prints without waiting for either.
    core.events.on('session', (view) => {
      if (!view) return;
      journeys.tickets.prefetch();
      loadGbEncoder('gb18030');
    });
    // A heartbeat that reports a newer catalog fetches it; it is applied between sessions.
    forwarder.on('heartbeat', (beat) => void journeys.catalog.versionSeen(beat.catalogVersion));
    await core.start();
    closers.push(() => core.stop());
    // Asking for a newer catalog is background work (the seeded one serves at once): it goes
    // out once the core has started, not while its devices open, where the first fetch would
    // load Node's HTTP client.
    const firstRefresh = setImmediate(() => void journeys.catalog.refresh());
    closers.push(() => clearImmediate(firstRefresh));
    const fleet = config.fleet ? await startFleet(config, options, { core, store, journeys, forwarder, sync, printer: devices.printer }) : null;
    if (fleet) closers.push(() => fleet.stop());
    return { core, config, store, forwarder, fleet, centralUrl: url, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/**
 * Fleet operations (README "Fleet operations"): only for a config that names a broker. The
 * link and the mqtt client are imported here, not at the top, so a kiosk without a broker
 * never reads them (about a quarter of the start-up bundle: scripts/build-node.mjs splits it off).
 */
async function startFleet(
  config: KioskConfig,
  options: ComposeOptions,
  parts: { core: KioskCore; store: KioskStore; journeys: Journeys; forwarder: Forwarder; sync: SyncLink; printer: KioskDevices['printer'] },
): Promise<FleetLink> {
  const { core, store, journeys, forwarder, sync } = parts;
  const { startFleetLink } = await import('./fleet/fleet-link.js');
  return startFleetLink({
    fleet: config.fleet!,
    kioskId: config.kioskId,
    regionCode: config.hall.regionCode,
    version: kioskVersion(),
    dataDir: config.dataDir,
    events: core.events,
    devices: () => core.deviceStatuses(),
    sync: () => sync.status(),
    inSession: () => core.sessions.current() !== null,
    catalog: { version: () => journeys.catalog.version(), refresh: () => journeys.catalog.refresh() },
    diskFreeBytes: () => {
      try {
        return store.freeBytes();
      } catch {
        return null;
      }
    },
    ledger: new StoredCommandLedger(store.statements),
    audit: (action, commandId, detail) => store.audit('fleet', action, null, commandId, detail),
    printer: parts.printer,
    uploadNow: () => forwarder.kick(),
    shell: options.fleetShell,
    logLevel: options.logLevel,
    service: core.service,
    requestWindowRestart: (reason) => {
      if (core.shellRequests.listenerCount('restartWindow') === 0) throw new Error('this shell has no window to restart');
      core.requestWindowRestart(reason);
    },
    ...(options.fleetBackoff ? { backoff: options.fleetBackoff } : {}),
  });
}

/** The kiosk's version as packaged (shown to staff on the maintenance screen). */
function kioskVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
