/**
 * The kiosk core: plain Node, no Electron. It owns the devices, the citizen's session,
 * the local buffer and the link to the central system, and implements the kiosk API
 * that both shells expose to the renderer.
 */
import type { KioskConfig } from '../common/config.js';
import type { DeviceKind, DeviceStatus } from '../common/device-status.js';
import type { CardReadEvent } from '../common/identity.js';
import type {
  EventName,
  EventPayload,
  KioskApi,
  KioskInfo,
  KioskStatus,
  SyncStatus,
} from '../common/contract.js';
import { TypedEmitter } from '../common/emitter.js';
import type { CardReaderDevice, DeviceSupervisor, PrinterDevice, Unsubscribe } from './devices/types.js';
import { SessionManager } from './session.js';

export type CoreEvents = { [E in EventName]: EventPayload<E> };

/** Anything that reports the link to the central system and the outbox. */
export interface SyncStatusSource {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): Unsubscribe;
}

export interface KioskDevices {
  idcard?: CardReaderDevice;
  citizencard?: CardReaderDevice;
  printer?: PrinterDevice;
}

export interface KioskCoreOptions {
  config: KioskConfig;
  shell: KioskInfo['shell'];
  devices: KioskDevices;
  sync: SyncStatusSource;
  now?: () => number;
}

export class KioskCore implements KioskApi {
  readonly events = new TypedEmitter<CoreEvents>();
  readonly sessions: SessionManager;
  private readonly config: KioskConfig;
  private readonly shell: KioskInfo['shell'];
  private readonly devices: KioskDevices;
  private readonly sync: SyncStatusSource;
  private readonly now: () => number;
  private readonly unsubscribers: Unsubscribe[] = [];

  constructor(options: KioskCoreOptions) {
    this.config = options.config;
    this.shell = options.shell;
    this.devices = options.devices;
    this.sync = options.sync;
    this.now = options.now ?? Date.now;
    this.sessions = new SessionManager(this.now);
  }

  async start(): Promise<void> {
    for (const [kind, device] of this.deviceEntries()) {
      this.unsubscribers.push(device.onStatus((status) => this.events.emit('deviceStatus', status)));
      if (kind !== 'printer') this.attachReader(device as CardReaderDevice);
    }
    this.unsubscribers.push(this.sync.onStatus((status) => this.events.emit('syncStatus', status)));
    await this.sync.start();
    // A device that fails to open reports it through its status; it never stops the kiosk.
    await Promise.all(this.deviceEntries().map(([, d]) => d.start()));
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.sessions.end();
    await Promise.allSettled(this.deviceEntries().map(([, d]) => d.stop()));
    await this.sync.stop();
  }

  async getKioskInfo(): Promise<KioskInfo> {
    const { session, ui, kioskId, hall } = this.config;
    return {
      kioskId,
      hallName: hall.name,
      locale: ui.locale,
      shell: this.shell,
      idleSeconds: session.idleSeconds,
      elderlyIdleSeconds: session.elderlyIdleSeconds,
      warningSeconds: session.warningSeconds,
    };
  }

  async getStatus(): Promise<KioskStatus> {
    return { devices: this.deviceStatuses(), sync: this.sync.status(), session: this.sessions.view() };
  }

  async endSession(_reason: 'finished' | 'idle' | 'card-removed'): Promise<null> {
    if (this.sessions.end()) this.events.emit('session', null);
    return null;
  }

  deviceStatuses(): DeviceStatus[] {
    const known = new Map(this.deviceEntries().map(([kind, d]) => [kind, d.status()]));
    return (['idcard', 'citizencard', 'printer'] as const).map(
      (kind) =>
        known.get(kind) ?? {
          device: kind,
          state: 'disabled',
          message: `no ${kind} configured on this kiosk`,
          at: this.now(),
        },
    );
  }

  private attachReader(reader: CardReaderDevice): void {
    this.unsubscribers.push(reader.onCard((event) => this.cardRead(event)));
    this.unsubscribers.push(
      reader.onCardRemoved(() => {
        // A contact citizen card left in the slot is the session; pulling it out ends it.
        // An ID card is only swiped over the reader, so its removal means nothing.
        if (this.sessions.current()?.source === 'citizencard') void this.endSession('card-removed');
      }),
    );
  }

  private cardRead(event: CardReadEvent): void {
    this.events.emit('session', this.sessions.start(event));
  }

  private deviceEntries(): Array<[DeviceKind, DeviceSupervisor]> {
    return Object.entries(this.devices).filter((e): e is [DeviceKind, DeviceSupervisor] => e[1] !== undefined);
  }
}
