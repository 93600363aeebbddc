/**
 * Turns the core's status changes into fleet alerts as they happen: paper near end / out
 * / back, a device lost / back / faulty, the store full / accepting again, a record
 * quarantined, the kiosk out of / back in service. Only transitions are alerts: the same
 * status reported again says nothing.
 */
import type { DeviceKind, DeviceStatus } from '../../common/device-status.js';
import type { SyncStatus } from '../../common/contract.js';
import type { EventMessage, FleetEventCode } from '../../common/fleet/messages.js';
import { FLEET_SCHEMA_VERSION } from '../../common/fleet/messages.js';
import { paperState, type ServiceHealth } from './health.js';

type Alert = Pick<EventMessage, 'code' | 'level' | 'device' | 'detail'>;

const LOST_STATES: ReadonlySet<DeviceStatus['state']> = new Set(['no-device', 'reconnecting']);

export class AlertWatch {
  private readonly devices = new Map<DeviceKind, DeviceStatus>();
  private sync: SyncStatus | null = null;
  private inService: boolean | null = null;

  constructor(
    private readonly kioskId: string,
    private readonly emit: (event: EventMessage) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The statuses at start: what later changes are measured from (no alerts for them). */
  baseline(devices: DeviceStatus[], sync: SyncStatus, service: ServiceHealth | null): void {
    for (const d of devices) this.devices.set(d.device, d);
    this.sync = sync;
    this.inService = service?.inService ?? null;
  }

  deviceStatus(next: DeviceStatus): void {
    const prev = this.devices.get(next.device);
    this.devices.set(next.device, next);
    for (const alert of deviceAlerts(prev, next)) this.send(alert);
  }

  syncStatus(next: SyncStatus): void {
    const prev = this.sync;
    this.sync = next;
    if (!prev) return;
    if (prev.acceptingWrites && !next.acceptingWrites) this.send({ code: 'store-full', level: 'error', device: null, detail: null });
    if (!prev.acceptingWrites && next.acceptingWrites) this.send({ code: 'store-accepting', level: 'info', device: null, detail: null });
    if (next.quarantined > prev.quarantined) this.send({ code: 'record-quarantined', level: 'warning', device: null, detail: String(next.quarantined) });
  }

  service(next: ServiceHealth): void {
    const prev = this.inService;
    this.inService = next.inService;
    if (prev === next.inService) return;
    if (!next.inService && next.reason === 'out-of-service') this.send({ code: 'out-of-service', level: 'warning', device: null, detail: null });
    else if (next.inService && prev === false) this.send({ code: 'in-service', level: 'info', device: null, detail: null });
  }

  /** An alert the agent raises itself (window restarted, crash recovered, command refused). */
  raise(code: FleetEventCode, level: EventMessage['level'], detail: string | null = null): void {
    this.send({ code, level, device: null, detail });
  }

  private send(alert: Alert): void {
    this.emit({ v: FLEET_SCHEMA_VERSION, kioskId: this.kioskId, at: this.now(), ...alert });
  }
}

function deviceAlerts(prev: DeviceStatus | undefined, next: DeviceStatus): Alert[] {
  const device = next.device;
  const detail = next.code ?? null;
  const alerts: Alert[] = [];
  if (device === 'printer') {
    const before = paperState(prev);
    const after = paperState(next);
    if (before !== after) {
      if (after === 'near-end') alerts.push({ code: 'paper-near-end', level: 'warning', device, detail });
      else if (after === 'out') alerts.push({ code: 'paper-out', level: 'error', device, detail });
      else if (after === 'ok' && (before === 'near-end' || before === 'out')) alerts.push({ code: 'paper-ok', level: 'info', device, detail });
    }
  }
  const wasLost = prev !== undefined && LOST_STATES.has(prev.state);
  const isLost = LOST_STATES.has(next.state);
  if (!wasLost && isLost && prev !== undefined && prev.state !== 'disabled') alerts.push({ code: 'device-lost', level: 'error', device, detail });
  if (wasLost && !isLost && next.state !== 'fault') alerts.push({ code: 'device-back', level: 'info', device, detail });
  if (next.state === 'fault' && prev?.state !== 'fault' && !alerts.some((a) => a.code === 'paper-out')) {
    alerts.push({ code: 'device-fault', level: 'error', device, detail });
  }
  return alerts;
}
