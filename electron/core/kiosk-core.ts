/**
 * The kiosk core: plain Node, no Electron. It owns the devices, the citizen's session,
 * the local buffer and the link to the central system, and implements the kiosk API
 * that both shells expose to the renderer.
 */
import type { KioskConfig } from '../common/config.js';
import { DEVICE_KINDS, type DeviceKind, type DeviceStatus } from '../common/device-status.js';
import type {
  EventName,
  EventPayload,
  FaceFrames,
  FaceOutcome,
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
import { configuredJourneys, sessionEnded, whileLive } from './call-guards.js';
import { guardStoreWrite } from './journeys/store-guard.js';
import { TypedEmitter } from '../common/emitter.js';
import type { CardReaderDevice, DeviceSupervisor, PrinterDevice, ScannerDevice, Unsubscribe } from './devices/types.js';
import { SessionManager, type SubjectHandle } from './session.js';
import { SessionIdleTimer } from './session-idle-timer.js';
import type { MaintenanceDesk } from './maintenance/maintenance-desk.js';
import { EvaluationLedger } from './journeys/evaluation-ledger.js';
import type { ServiceAvailability } from './service/availability.js';
import { ServiceDesk, type ShellRequests } from './service/service-desk.js';
import type { FaceDesk } from './journeys/face-desk.js';
import type { CodeDesk } from './journeys/code-desk.js';
import { CitizenArrival } from './citizen-arrival.js';
import { IdentificationDesk } from './identification-desk.js';

export type CoreEvents = { [E in EventName]: EventPayload<E> };
export type { ShellRequests };

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
  scanner?: ScannerDevice;
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
  /** 刷脸; absent: every face verification is unavailable (the page offers the card). */
  face?: FaceDesk;
  now?: () => number;
  /** Where the core says what it did on its own (a session ended at its idle deadline); never personal data. */
  log?: (message: string) => void;
  /** Opening hours and out of service (compose.ts builds it from the config); absent: always in service. */
  service?: ServiceAvailability;
}

export class KioskCore implements KioskApi {
  readonly events = new TypedEmitter<CoreEvents>();
  readonly shellRequests = new TypedEmitter<ShellRequests>();
  readonly sessions: SessionManager;
  readonly service: ServiceAvailability;
  private readonly config: KioskConfig;
  private readonly shell: KioskInfo['shell'];
  private readonly devices: KioskDevices;
  private readonly sync: SyncStatusSource;
  private readonly journeysImpl: Journeys | undefined;
  private readonly maintenance: MaintenanceDesk | undefined;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly idleTimer: SessionIdleTimer;
  private readonly unsubscribers: Unsubscribe[] = [];
  private readonly evaluations = new EvaluationLedger();
  private readonly serviceDesk: ServiceDesk;
  private readonly arrival: CitizenArrival;
  private readonly identification: IdentificationDesk;
  /** 扫码: identity codes, the kiosk's own ticket QR, appointment codes (absent without journeys). */
  readonly codes: CodeDesk | undefined;

  constructor(options: KioskCoreOptions) {
    this.config = options.config;
    this.shell = options.shell;
    this.devices = options.devices;
    this.sync = options.sync;
    this.journeysImpl = options.journeys;
    this.maintenance = options.maintenance;
    this.now = options.now ?? (() => Date.now());
    this.log = options.log ?? ((message) => console.info(message));
    this.sessions = new SessionManager(this.now, options.config.session);
    this.idleTimer = new SessionIdleTimer(this.sessions, this.now, () => this.idleDeadlinePassed());
    this.serviceDesk = new ServiceDesk({
      config: options.config,
      availability: options.service,
      shellRequests: this.shellRequests,
      session: {
        isOpen: () => this.sessions.current() !== null,
        onEnded: (listener) => this.events.on('session', (view) => { if (view === null) listener(); }),
      },
      now: this.now,
      log: this.log,
    });
    this.service = this.serviceDesk.availability;
    this.arrival = new CitizenArrival({
      sessions: this.sessions,
      events: this.events,
      service: this.service,
      clearForNewCitizen: () => {
        this.journeysImpl?.state.clear();
        this.maintenance?.lock(); // a citizen at the kiosk closes the staff screen
      },
      sessionStarted: () => this.idleTimer.arm(),
      endSession: (reason) => void this.endSession(reason),
      now: this.now,
    });
    this.identification = new IdentificationDesk({
      config: options.config,
      sessions: this.sessions,
      events: this.events,
      arrival: this.arrival,
      journeys: this.journeysImpl,
      face: options.face,
      online: () => this.sync.status().online,
      requireTicketsIssued: () => this.serviceDesk.requireTicketsIssued(),
      now: this.now,
      log: this.log,
    });
    this.codes = this.identification.codes;
  }

  /** Asks the shell for a fresh window (the core, its session and devices go on). */
  requestWindowRestart(reason: string): void {
    this.serviceDesk.requestWindowRestart(reason);
  }

  async start(): Promise<void> {
    for (const [kind, device] of this.deviceEntries()) {
      this.unsubscribers.push(device.onStatus((status) => this.events.emit('deviceStatus', status)));
      if (kind === 'idcard' || kind === 'citizencard') this.unsubscribers.push(...this.arrival.attachReader(device as CardReaderDevice));
      if (kind === 'scanner' && this.codes) this.unsubscribers.push(this.codes.attach(device as ScannerDevice));
    }
    this.unsubscribers.push(this.sync.onStatus((status) => this.events.emit('syncStatus', status)));
    this.unsubscribers.push(this.service.onChange((state) => this.events.emit('serviceState', state)));
    this.serviceDesk.start();
    // A device that fails to open reports it through its status; it never stops the kiosk.
    await Promise.all(this.deviceEntries().map(([, d]) => d.start()));
    // The link to the central last: its first heartbeat, on the next turn of the event loop,
    // loads Node's HTTP client (~45 ms), which would otherwise run while the devices open.
    await this.sync.start();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.idleTimer.disarm();
    this.serviceDesk.stop();
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
    return { devices: this.deviceStatuses(), sync: this.sync.status(), session: this.sessions.view(), service: this.service.current() };
  }

  async endSession(_reason: 'finished' | 'idle' | 'card-removed', sessionId?: string): Promise<null> {
    // A stale page's 'idle' or 'finished' must not end the next citizen's session.
    if (sessionId !== undefined && sessionId !== this.sessions.current()?.id) return null;
    this.idleTimer.disarm();
    this.journeysImpl?.state.clear();
    if (this.sessions.end()) this.events.emit('session', null);
    return null;
  }

  async touchSession(activity: { elderlyMode: boolean }, sessionId?: string): Promise<SessionView | null> {
    // A stale page's touch keeps nobody else's session alive: it gets the session as it is.
    if (sessionId !== undefined && sessionId !== this.sessions.current()?.id) return this.sessions.view();
    if (!this.sessions.touch(activity.elderlyMode)) return null;
    const view = this.sessions.view();
    this.events.emit('session', view);
    return view;
  }

  /** The core's own idle deadline: the session ends even when no page is connected to end it. */
  private idleDeadlinePassed(): void {
    this.log('kiosk: session ended at its idle deadline by the core');
    void this.endSession('idle');
  }

  async listMatters(): Promise<MatterView[]> {
    return this.journeys().catalog.list();
  }

  async getCitizenOverview(sessionId?: string): Promise<CitizenOverview> {
    this.callFor(sessionId);
    const j = this.journeys();
    // Not activity: a page asks for it by itself when it adopts a session, and a restarted
    // page must not buy the session a fresh timeout.
    const subject = this.subject({ activity: false });
    const handle = this.handle();
    // A citizen who has gone does not wait on the central: the call ends with their session,
    // so a hung central cannot pile up one page's calls (the bridge caps those in flight).
    const overview = await whileLive(j.lookups.overview(subject.idNumber), handle, 'overview');
    // Their overview goes to nobody else: the citizen who asked has gone, or another swiped.
    if (!j.state.setAppointments(handle, overview.appointments)) throw sessionEnded('overview');
    return overview;
  }

  async takeTicket(request: TakeTicketRequest, sessionId?: string): Promise<TicketOutcome> {
    this.callFor(sessionId);
    this.serviceDesk.requireTicketsIssued();
    const j = this.journeys();
    const subject = this.subject();
    const handle = this.handle();
    const servedIn = this.sessionId();
    const appointments = j.state.appointments(handle).map((a) => a.appointmentId);
    const outcome = await j.tickets.take(subject, request, appointments);
    // The ticket is committed and printed either way; only its session may reprint it.
    j.state.claimPrintJob(outcome.print.jobId, handle);
    this.evaluations.served(servedIn, { subjectType: 'ticket', subjectId: outcome.ticketNo });
    return outcome;
  }

  async reprint(jobId: string, sessionId?: string): Promise<PrintView> {
    this.callFor(sessionId);
    const j = this.journeys();
    this.subject();
    return j.print.reprint(jobId, this.handle());
  }

  /** 补打 of the ticket whose own QR was just scanned (no session needed: the copy carries no ID number). */
  async reprintScannedTicket(ticketNo: string): Promise<PrintView> {
    const j = this.journeys();
    if (!this.codes) throw new JourneyError('unknown-print-job', 'this kiosk reads no codes');
    return j.tickets.reprintStored(this.codes.takeReprint(ticketNo));
  }

  async runDataCheck(request: { matterId: string; proofType: ProofType }, sessionId?: string): Promise<DataCheckView> {
    this.callFor(sessionId);
    this.identification.requireIdentificationFor(request.matterId);
    return this.journeys().applications.runDataCheck(this.applicant(), request.matterId, request.proofType);
  }

  async submitApplication(request: SubmitApplicationRequest, sessionId?: string): Promise<SubmissionOutcome> {
    this.callFor(sessionId);
    // Self-service goes on outside the opening hours; a kiosk operations took out takes nothing new.
    if (this.service.current().reason === 'out-of-service') throw new JourneyError('out-of-service', 'this kiosk is out of service');
    // A commitment or a submission acts on the citizen's data: the matter's identification must hold.
    this.identification.requireIdentificationFor(request.matterId);
    this.identification.requireFaceFor(request.matterId);
    const servedIn = this.sessionId();
    const outcome = await this.journeys().applications.submit(this.applicant(), request);
    for (const a of outcome.applications) this.evaluations.served(servedIn, { subjectType: 'application', subjectId: a.applicationId });
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

  async setProxyMode(on: boolean, sessionId?: string): Promise<SessionView> {
    this.callFor(sessionId);
    this.subject();
    this.sessions.touch();
    const view = this.sessions.setProxyMode(on);
    this.events.emit('session', view);
    return view;
  }

  async selectPrincipal(index: number | null, sessionId?: string): Promise<SessionView> {
    this.callFor(sessionId);
    this.subject();
    this.sessions.touch();
    const view = this.sessions.selectPrincipal(index);
    this.events.emit('session', view);
    return view;
  }

  /** 刷脸 for the session's own citizen (identification-desk.ts). */
  async verifyFace(frames: FaceFrames, sessionId?: string): Promise<FaceOutcome> {
    this.callFor(sessionId);
    this.subject();
    return this.identification.verifyFace(frames, this.handle());
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
    return configuredJourneys(this.journeysImpl);
  }

  /** The subject a session method acts for; the call counts as activity (the idle deadline moves on) unless said otherwise. */
  private subject({ activity }: { activity: boolean } = { activity: true }) {
    const subject = this.sessions.subject();
    if (!subject) throw new JourneyError('no-session', 'no citizen identified: swipe an ID card or citizen card first');
    if (activity) this.sessions.touch();
    return subject;
  }

  /** Refuses a call the page made for a session that is no longer the open one (a stale or replayed call). */
  private callFor(sessionId: string | undefined): void {
    if (sessionId === undefined || sessionId === this.sessions.current()?.id) return;
    throw new JourneyError('no-session', 'this call was made for a session that has ended');
  }

  /** Who is asking, captured before any await (call after subject()). */
  private handle(): SubjectHandle {
    const handle = this.sessions.handle();
    if (!handle) throw new JourneyError('no-session', 'no citizen identified: swipe an ID card or citizen card first');
    return handle;
  }

  private sessionId(): string {
    const session = this.sessions.current();
    if (!session) throw new JourneyError('no-session', 'no citizen identified: swipe an ID card or citizen card first');
    return session.id;
  }

  /** The face step (刷脸) passed for this session's citizen: matters that need code+face are then open to them. */
  markFaceVerified(sessionId: string): boolean {
    return this.identification.markFaceVerified(sessionId);
  }

  private applicant() {
    return { subject: this.subject(), agent: this.sessions.agentFor(), handle: this.handle() };
  }

  deviceStatuses(): DeviceStatus[] {
    const known = new Map(this.deviceEntries().map(([kind, d]) => [kind, d.status()]));
    return DEVICE_KINDS.map(
      (kind) =>
        known.get(kind) ?? {
          device: kind,
          state: 'disabled',
          message: `no ${kind} configured on this kiosk`,
          at: this.now(),
        },
    );
  }

  private deviceEntries(): Array<[DeviceKind, DeviceSupervisor]> {
    return Object.entries(this.devices).filter((e): e is [DeviceKind, DeviceSupervisor] => e[1] !== undefined);
  }
}
