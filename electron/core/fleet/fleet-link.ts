/**
 * Wires the fleet agent to the kiosk: health gathered from the core, alerts from its
 * status events, commands run against its services and the shell's hooks, the audit log
 * and the replay ledger in the store. Composed (compose.ts) only when the config has a
 * `fleet` section. A kiosk that stopped without saying so (a crash, a power cut) says
 * `crash-recovered` once it is connected again.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FleetConfig } from '../../common/config.js';
import type { DeviceStatus } from '../../common/device-status.js';
import type { SyncStatus } from '../../common/contract.js';
import type { LogLevel } from '../../common/fleet/messages.js';
import { kioskTopics } from '../../common/fleet/topics.js';
import type { TypedEmitter } from '../../common/emitter.js';
import { testPage } from '../../../native/printer/test-page.js';
import type { CoreEvents } from '../kiosk-core.js';
import type { PrinterDevice } from '../devices/types.js';
import type { ServiceAvailability, ServiceState } from '../service/availability.js';
import { FleetAgent } from './agent.js';
import { AlertWatch } from './alerts.js';
import type { CommandLedger } from './command-ledger.js';
import { CommandRunner, type CommandTargets, type FleetAudit } from './commands.js';
import { loadFleetTls } from './fleet-tls.js';
import { gatherHealth, type ServiceHealth } from './health.js';
import { logLevelControl, type LogLevelControl } from '../log-level.js';

/** Opening hours and out of service (electron/core/service/availability.ts), as the fleet uses them. */
export type ServiceControl = Pick<ServiceAvailability, 'current' | 'setOutOfService' | 'backInService' | 'onChange'>;

/** The service state's fields that health carries (not operations' message: they wrote it). */
function serviceHealth(state: ServiceState): ServiceHealth {
  const { inService, reason, opensAt, closesAt, dailyRestartAt } = state;
  return { inService, reason, opensAt, closesAt, dailyRestartAt };
}

/** What a shell offers the fleet: a picture of its screen (browser shell: CDP; Electron: capturePage). */
export interface FleetShellHooks {
  screenshot?(): Promise<Uint8Array>;
}

export interface FleetLinkOptions {
  fleet: FleetConfig;
  kioskId: string;
  regionCode: string;
  version: string;
  dataDir: string;
  events: TypedEmitter<CoreEvents>;
  devices(): DeviceStatus[];
  sync(): SyncStatus;
  inSession(): boolean;
  catalog: { version(): number; refresh(): Promise<boolean> };
  diskFreeBytes(): number | null;
  ledger: CommandLedger;
  audit: FleetAudit;
  printer?: PrinterDevice | undefined;
  uploadNow(): void;
  service?: ServiceControl | undefined;
  requestWindowRestart?: ((reason: string) => void) | undefined;
  shell?: FleetShellHooks | undefined;
  /** Writes one line at its level (default: the console method of that level). */
  log?: (line: string, level: LogLevel) => void;
  /**
   * The kiosk's log level (log-level.ts), which `set-log-level` sets: the shell's, gating
   * every console line of the kiosk; without one, a level of the fleet link's own.
   */
  logLevel?: LogLevelControl | undefined;
  backoff?: { minMs: number; maxMs: number };
}

const CONSOLE_OF: Record<LogLevel, (line: string) => void> = {
  debug: (line) => console.debug(line),
  info: (line) => console.info(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

export interface FleetLink {
  readonly agent: FleetAgent;
  stop(): Promise<void>;
}

export function startFleetLink(options: FleetLinkOptions): FleetLink {
  const { fleet, kioskId } = options;
  const topics = kioskTopics(fleet.topicPrefix, options.regionCode, kioskId);
  const tls = fleet.tls ? loadFleetTls(fleet.tls) : undefined;
  const startedAt = Date.now();
  const logLevel = options.logLevel ?? logLevelControl();
  const write = options.log ?? ((line: string, level: LogLevel) => CONSOLE_OF[level](line));
  const log = (line: string, level: LogLevel = 'info') => {
    if (logLevel.shows(level)) write(line, level);
  };
  const runningMarker = path.join(options.dataDir, 'fleet-running');
  let crashRecovered = existsSync(runningMarker);
  writeFileSync(runningMarker, String(process.pid));

  const service = options.service;
  const health = () =>
    gatherHealth({
      kioskId,
      version: options.version,
      devices: options.devices,
      sync: options.sync,
      catalogVersion: () => options.catalog.version(),
      diskFreeBytes: options.diskFreeBytes,
      inSession: options.inSession,
      service: () => (service ? serviceHealth(service.current()) : null),
      logLevel: () => logLevel.current(),
    }, startedAt);

  const targets: CommandTargets = {
    setOutOfService: (message) => requireService().setOutOfService(message),
    backInService: () => requireService().backInService(),
    ...(options.requestWindowRestart
      ? {
          requestWindowRestart: (reason: string) => {
            options.requestWindowRestart!(reason);
            alerts.raise('window-restarted', 'info', 'fleet command');
          },
        }
      : {}),
    refreshCatalog: () => options.catalog.refresh(),
    uploadNow: options.uploadNow,
    printTestPage: async () => {
      const printer = options.printer;
      if (!printer) return { ok: false, code: 'no-printer' };
      const outcome = await printer.print(testPage(printer.paperWidth(), new Date(), `运维测试 ${kioskId}`));
      return outcome.ok ? { ok: true, code: 'printed' } : { ok: false, code: outcome.failure };
    },
    ...(options.shell?.screenshot ? { screenshot: () => options.shell!.screenshot!() } : {}),
    setLogLevel: (level) => {
      // Said before the change and past the level: whoever reads the log sees why it went quiet (or loud).
      logLevel.set('debug');
      write(`kiosk log level: ${level} (fleet command)`, 'warn');
      logLevel.set(level);
    },
    inSession: options.inSession,
  };
  function requireService(): ServiceControl {
    if (!service) throw new Error('this kiosk has no service schedule to take it out of service');
    return service;
  }
  const runner = new CommandRunner({ kioskId, ledger: options.ledger, audit: options.audit, targets });

  const agent: FleetAgent = new FleetAgent({
    url: fleet.url,
    kioskId,
    topics,
    keepAliveSeconds: fleet.keepAliveSeconds,
    healthSeconds: fleet.healthSeconds,
    tls,
    health,
    command: async (payload) => {
      const result = await runner.run(payload);
      if (!result.ok) alerts.raise('command-refused', 'warning', `${result.command ?? 'unknown'} ${result.code}`);
      return result;
    },
    log: (line, level) => log(line, level),
    onConnect: () => {
      if (crashRecovered) alerts.raise('crash-recovered', 'warning');
      crashRecovered = false;
    },
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  const alerts = new AlertWatch(kioskId, (event) => agent.publishEvent(event));
  alerts.baseline(options.devices(), options.sync(), service ? serviceHealth(service.current()) : null);

  const unsubscribers = [
    options.events.on('deviceStatus', (status) => {
      alerts.deviceStatus(status);
      agent.publishHealth();
    }),
    options.events.on('syncStatus', (status) => {
      alerts.syncStatus(status);
      agent.publishHealth();
    }),
    options.events.on('session', () => agent.publishHealth()),
    ...(service
      ? [service.onChange((state) => {
          alerts.service(serviceHealth(state));
          agent.publishHealth();
        })]
      : []),
  ];
  agent.start();
  return {
    agent,
    async stop() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      await agent.stop();
      rmSync(runningMarker, { force: true });
    },
  };
}
