/**
 * The kiosk's health as the fleet sees it, gathered from what the core already knows:
 * device states and codes, the printer's paper, the outbox, disk, memory, uptime,
 * versions and the service state. Codes only, never a driver's free text, never who is
 * at the kiosk.
 */
import type { DeviceStatus } from '../../common/device-status.js';
import type { SyncStatus } from '../../common/contract.js';
import type { PAPER_STATES} from '../../common/fleet/messages.js';
import { FLEET_SCHEMA_VERSION, type HealthMessage, type LogLevel } from '../../common/fleet/messages.js';

export type ServiceHealth = NonNullable<HealthMessage['service']>;

export interface HealthSources {
  kioskId: string;
  version: string;
  devices(): DeviceStatus[];
  sync(): SyncStatus;
  catalogVersion(): number | null;
  diskFreeBytes(): number | null;
  inSession(): boolean;
  service(): ServiceHealth | null;
  logLevel(): LogLevel;
  heapUsedBytes?(): number;
  now?(): number;
}

export function paperState(printer: DeviceStatus | undefined): (typeof PAPER_STATES)[number] {
  if (!printer || printer.state === 'disabled') return 'none';
  if (printer.code === 'paper-out') return 'out';
  if (printer.code === 'paper-near-end') return 'near-end';
  if (printer.state === 'ready' || printer.state === 'attention') return 'ok';
  return 'unknown';
}

export function gatherHealth(sources: HealthSources, startedAt: number): HealthMessage {
  const now = sources.now?.() ?? Date.now();
  const devices = sources.devices();
  const sync = sources.sync();
  return {
    v: FLEET_SCHEMA_VERSION,
    kioskId: sources.kioskId,
    at: now,
    version: sources.version,
    catalogVersion: sources.catalogVersion(),
    uptimeSeconds: Math.max(0, Math.floor((now - startedAt) / 1000)),
    heapUsedBytes: sources.heapUsedBytes?.() ?? process.memoryUsage().heapUsed,
    diskFreeBytes: sources.diskFreeBytes(),
    devices: devices.map((d) => ({ device: d.device, state: d.state, code: d.code ?? null })),
    paper: paperState(devices.find((d) => d.device === 'printer')),
    outbox: {
      online: sync.online,
      pending: sync.pending,
      oldestPendingAgeMs: sync.oldestPendingAgeMs,
      quarantined: sync.quarantined,
      acceptingWrites: sync.acceptingWrites,
      lastSuccessAt: sync.lastSuccessAt,
    },
    inSession: sources.inSession(),
    service: sources.service(),
    logLevel: sources.logLevel(),
  };
}

/**
 * What makes a health message worth publishing before its period is up: anything but the
 * figures that move all the time (time, uptime, heap, disk free, the oldest record's age).
 */
export function healthKey(health: HealthMessage): string {
  const { at: _at, uptimeSeconds: _up, heapUsedBytes: _heap, diskFreeBytes: _disk, outbox, ...rest } = health;
  const { oldestPendingAgeMs: _age, lastSuccessAt: _last, ...counts } = outbox;
  return JSON.stringify({ ...rest, outbox: counts });
}
