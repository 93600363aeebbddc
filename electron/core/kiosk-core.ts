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
  MaintenanceAction,
  MaintenanceActionResult,
  MaintenanceUnlock,
  MaintenanceView,
  SessionView,
  SyncStatus,
} from '../common/contract.js';
import type { ProofType } from '../common/central-api.js';
import type {
  CitizenOverview,
  DataCheckView,
  EvaluationRequest,
  MatterView,
  PrintView,
  SubmissionOutcome,
  SubmitApplicationRequest,
  TakeTicketRequest,
  TicketOutcome,
} from '../common/journey-schemas.js';
import type { Journeys } from './journeys/journeys.js';
import { JourneyError } from './journeys/errors.js';
import { guardStoreWrite } from './journeys/store-guard.js';
import { TypedEmitter } from '../common/emitter.js';
import type { CardReaderDevice, DeviceSupervisor, PrinterDevice, Unsubscribe } from './devices/types.js';
import { SessionManager } from './session.js';
import type { MaintenanceDesk } from './maintenance/maintenance-desk.js';
import { EvaluationLedger } from './journeys/evaluation-ledger.js';

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
  /** The citizen journeys (store, central, printing); absent in shells' unit tests. */
  journeys?: Journeys;
  /** The staff maintenance screen; absent: it cannot be unlocked. */
  maintenance?: MaintenanceDesk;
  now?: () => number;
}

export class KioskCore implements KioskApi {
  readonly events = new TypedEmitter<CoreEvents>();
  readonly sessions: SessionManager;
  private readonly config: KioskConfig;
  private readonly shell: KioskInfo['shell'];
  private readonly devices: KioskDevices;
  private readonly sync: SyncStatusSource;
  private readonly journeysImpl: Journeys | undefined;
  private readonly maintenance: MaintenanceDesk | undefined;
  private readonly now: () => number;
  private readonly unsubscribers: Unsubscribe[] = [];
  private readonly evaluations = new EvaluationLedger();

  constructor(options: KioskCoreOptions) {
    this.config = options.config;
    this.shell = options.shell;
    this.devices = options.devices;
    this.sync = options.sync;
    this.journeysImpl = options.journeys;
    this.maintenance = options.maintenance;
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
      timeZone: hall.timeZone,
    };
  }

  async getStatus(): Promise<KioskStatus> {
    return { devices: this.deviceStatuses(), sync: this.sync.status(), session: this.sessions.view() };
  }

  async endSession(_reason: 'finished' | 'idle' | 'card-removed'): Promise<null> {
    this.journeysImpl?.state.clear();
    if (this.sessions.end()) this.events.emit('session', null);
    return null;
  }

  async listMatters(): Promise<MatterView[]> {
    return this.journeys().catalog.list();
  }

  async getCitizenOverview(): Promise<CitizenOverview> {
    const j = this.journeys();
    const subject = this.subject();
    const overview = await j.lookups.overview(subject.idNumber);
    j.state.setAppointments(this.sessions.subjectKey(), overview.appointments);
    return overview;
  }

  async takeTicket(request: TakeTicketRequest): Promise<TicketOutcome> {
    const j = this.journeys();
    const appointments = j.state.appointments(this.sessions.subjectKey()).map((a) => a.appointmentId);
    const sessionId = this.sessionId();
    const outcome = await j.tickets.take(this.subject(), request, appointments);
    this.evaluations.served(sessionId, { subjectType: 'ticket', subjectId: outcome.ticketNo });
    return outcome;
  }

  async reprint(jobId: string): Promise<PrintView> {
    return this.journeys().print.reprint(jobId);
  }

  async runDataCheck(request: { matterId: string; proofType: ProofType }): Promise<DataCheckView> {
    return this.journeys().applications.runDataCheck(this.applicant(), request.matterId, request.proofType);
  }

  async submitApplication(request: SubmitApplicationRequest): Promise<SubmissionOutcome> {
    const sessionId = this.sessionId();
    const outcome = await this.journeys().applications.submit(this.applicant(), request);
    for (const a of outcome.applications) this.evaluations.served(sessionId, { subjectType: 'application', subjectId: a.applicationId });
    return outcome;
  }

  /** Only what this session was served, once each (evaluation-ledger.ts). */
  async submitEvaluation(request: EvaluationRequest): Promise<null> {
    const { store } = this.journeys().options;
    if (!this.evaluations.take(this.sessionId(), request)) {
      throw new JourneyError('evaluation-not-allowed', `${request.subjectType} ${request.subjectId} was not served in this session, or is rated already`);
    }
    await guardStoreWrite(() => store.recordEvaluation(request));
    return null;
  }

  async setProxyMode(on: boolean): Promise<SessionView> {
    this.subject();
    const view = this.sessions.setProxyMode(on);
    this.events.emit('session', view);
    return view;
  }

  async selectPrincipal(index: number | null): Promise<SessionView> {
    this.subject();
    const view = this.sessions.selectPrincipal(index);
    this.events.emit('session', view);
    return view;
  }

  async unlockMaintenance(pin: string): Promise<MaintenanceUnlock> {
    if (!this.maintenance) return { ok: false, reason: 'not-configured', attemptsLeft: null, retryAfterSeconds: null };
    return this.maintenance.unlock(pin, this.sessions.current() !== null);
  }

  async getMaintenanceView(): Promise<MaintenanceView> {
    return this.maintenanceDesk().view({ devices: this.deviceStatuses(), sync: this.sync.status() });
  }

  async runMaintenanceAction(action: MaintenanceAction): Promise<MaintenanceActionResult> {
    return this.maintenanceDesk().act(action);
  }

  async lockMaintenance(): Promise<null> {
    this.maintenance?.lock();
    return null;
  }

  private maintenanceDesk(): MaintenanceDesk {
    if (!this.maintenance) throw new JourneyError('maintenance-locked', 'this kiosk has no maintenance screen configured');
    return this.maintenance;
  }

  private journeys(): Journeys {
    if (!this.journeysImpl) throw new JourneyError('no-session', 'this kiosk has no store or central link configured');
    return this.journeysImpl;
  }

  private subject() {
    const subject = this.sessions.subject();
    if (!subject) throw new JourneyError('no-session', 'no citizen identified: swipe an ID card or citizen card first');
    return subject;
  }

  private sessionId(): string {
    const session = this.sessions.current();
    if (!session) throw new JourneyError('no-session', 'no citizen identified: swipe an ID card or citizen card first');
    return session.id;
  }

  private applicant() {
    return { subject: this.subject(), agent: this.sessions.agentFor(), key: this.sessions.subjectKey() };
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
    if (reader.onCardError) {
      this.unsubscribers.push(
        reader.onCardError((error) => {
          // A citizen card says why it cannot be used (wrong card, locked…); an ID card only that it was not read.
          const reason = (error as { code?: unknown }).code;
          const code = typeof reason === 'string' && reason !== 'read-failed' ? `citizen-card-${reason}` : 'card-read-failed';
          this.events.emit('notice', { code, level: 'warning', at: this.now() });
        }),
      );
    }
    this.unsubscribers.push(
      reader.onCardRemoved(() => {
        // A contact citizen card left in the slot is the session; pulling it out ends it.
        // An ID card is only swiped over the reader, so its removal means nothing.
        if (this.sessions.current()?.source === 'citizencard') void this.endSession('card-removed');
      }),
    );
  }

  private cardRead(event: CardReadEvent): void {
    const current = this.sessions.current();
    if (current?.proxyMode) {
      // 代办: the agent's own card again changes nothing; anyone else's is a principal.
      if (event.identity.idNumber !== current.citizen.idNumber) this.events.emit('session', this.sessions.addPrincipal(event.identity));
      return;
    }
    if (current && current.citizen.idNumber === event.identity.idNumber && current.activePrincipal === null) {
      // The same citizen swiping again (e.g. to see their applications): keep the session.
      this.events.emit('notice', { code: 'card-read-again', level: 'info', at: this.now() });
      return;
    }
    // A different citizen: the previous one's data goes before the new one's arrives.
    this.journeysImpl?.state.clear();
    this.maintenance?.lock(); // a citizen at the kiosk closes the staff screen
    this.events.emit('session', this.sessions.start(event));
  }

  private deviceEntries(): Array<[DeviceKind, DeviceSupervisor]> {
    return Object.entries(this.devices).filter((e): e is [DeviceKind, DeviceSupervisor] => e[1] !== undefined);
  }
}
