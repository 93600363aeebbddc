/**
 * The composition root shared by both shells: from a validated config it starts the
 * simulators the config asks for (dev/demo mode), opens the local store, links the
 * central system (client + forwarder), builds the devices and the journeys, and
 * returns a started KioskCore.
 */
import { readFileSync } from 'node:fs';
import { usesSimulators, type KioskConfig } from '../common/config.js';
import type { KioskInfo } from '../common/contract.js';
import { KioskCore, type KioskDevices } from './kiosk-core.js';
import { KioskStore } from './store/kiosk-store.js';
import { resolveIdHashKey } from './store/crypto.js';
import { CentralClient } from './sync/central-client.js';
import { createTlsFetch, loadCentralTls } from './sync/central-tls.js';
import { Forwarder } from './sync/forwarder.js';
import { SyncLink } from './sync-link.js';
import { Journeys } from './journeys/journeys.js';
import { createIdCardReader } from './devices/idcard.js';
import { createCitizenCardReader } from './devices/citizencard.js';
import { createPrinter } from './devices/printer.js';
import { MaintenanceDesk } from './maintenance/maintenance-desk.js';
import type { EmbeddedSimulators } from '../../scripts/sim/embedded.js';

export interface ComposedKiosk {
  core: KioskCore;
  config: KioskConfig;
  store: KioskStore;
  forwarder: Forwarder;
  centralUrl: string;
  /** Present in dev/demo mode: the simulators behind '@simulator' and 'embedded'. */
  simulators: EmbeddedSimulators;
  close(): Promise<void>;
}

export interface ComposeOptions {
  shell: KioskInfo['shell'];
  /** Heartbeat period of the central link; tests shorten it. */
  heartbeatMs?: number;
  /** Where the printer simulator writes ticket PNGs (null: don't render). */
  printerOutputDir?: string | null;
  /** Department verifications complete after this long in the embedded central simulator. */
  verificationDelayMs?: number;
  /** Device driver timings (tests shorten polling). */
  pollIntervalMs?: number;
  /** Devices given ready-made instead of built from the config (benchmarks inject card events directly). */
  devices?: KioskDevices;
  /** How often a kiosk whose disk filled up looks for free space again. */
  spaceCheckMs?: number;
}

export async function composeKiosk(given: KioskConfig, options: ComposeOptions): Promise<ComposedKiosk> {
  const closers: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    let config = given;
    let simulators: EmbeddedSimulators = {};
    if (usesSimulators(given)) {
      // Dev and demo mode. scripts/sim is not part of a production package: say so plainly.
      const embedded = await import('../../scripts/sim/embedded.js').catch((err: unknown) => {
        throw new Error(`this config uses simulators ('@simulator' ports or central.url 'embedded') but they cannot be loaded: ${(err as Error).message}`);
      });
      const started = await embedded.startEmbeddedSimulators(given, {
        ...(options.printerOutputDir !== undefined ? { printerOutputDir: options.printerOutputDir } : {}),
        ...(options.verificationDelayMs !== undefined ? { verificationDelayMs: options.verificationDelayMs } : {}),
      });
      closers.push(started.close);
      config = started.config;
      simulators = started.simulators;
    }

    const store = KioskStore.open({ dataDir: config.dataDir, kioskId: config.kioskId, idHashKey: resolveIdHashKey(config.dataDir), timeZone: config.hall.timeZone });
    closers.push(() => store.close());
    const token = config.central.token ?? process.env.KIOSK_CENTRAL_TOKEN ?? '';
    let tlsFetch: typeof fetch | undefined;
    if (config.central.tls) {
      const tls = createTlsFetch(loadCentralTls(config.central.tls));
      closers.push(() => tls.close());
      tlsFetch = tls.fetch;
    }
    const central = new CentralClient({
      baseUrl: config.central.url, token, timeoutMs: config.central.timeoutMs, ...(tlsFetch ? { fetch: tlsFetch } : {}),
    });
    const forwarder = new Forwarder({ store, client: central, ...(options.heartbeatMs ? { heartbeatIntervalMs: options.heartbeatMs } : {}) });
    const sync = new SyncLink(forwarder, store, options.spaceCheckMs);
    // Wake the forwarder as soon as a record is committed: tickets reach the centre within a heartbeat.
    store.on('committed', () => forwarder.kick());

    const poll = options.pollIntervalMs;
    const devices: KioskDevices = { ...options.devices };
    if (config.devices.idcard && !devices.idcard) devices.idcard = createIdCardReader(config.devices.idcard, poll ? { pollIntervalMs: poll } : {});
    if (config.devices.citizencard && !devices.citizencard) devices.citizencard = createCitizenCardReader(config.devices.citizencard, poll ? { pollMs: poll } : {});
    if (config.devices.printer && !devices.printer) devices.printer = createPrinter(config.devices.printer);

    const journeys = new Journeys({
      store,
      central,
      printer: devices.printer,
      hallName: config.hall.name,
      timeZone: config.hall.timeZone,
      kioskId: config.kioskId,
      trackingBaseUrl: config.hall.trackingUrl,
      onStoreFull: (message) => sync.markNotAccepting(message),
    });
    journeys.catalog.seedFromFile();
    void journeys.catalog.refresh();

    const maintenance = new MaintenanceDesk({
      pinHash: config.maintenance.pinHash,
      kioskId: config.kioskId,
      version: kioskVersion(),
      shell: options.shell,
      centralUrl: config.central.url,
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
    const core = new KioskCore({ config, shell: options.shell, devices, sync, journeys, maintenance });
    await core.start();
    closers.push(() => core.stop());
    return { core, config, store, forwarder, centralUrl: config.central.url, simulators, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** The kiosk's version as packaged (shown to staff on the maintenance screen). */
function kioskVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
