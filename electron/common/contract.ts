/**
 * The kiosk API: the one contract between the core (Node) and the renderer (page).
 * Methods are request/response; events flow from the core to every window.
 * Both shells (Electron IPC, loopback WebSocket) and the tests carry exactly this;
 * channel names are derived from these keys (see rpc.ts), never typed twice.
 * Every argument and result crossing a process boundary is validated with these schemas.
 */
import { z } from 'zod';
import { DEVICE_KINDS, DEVICE_STATES } from './device-status.js';
import {
  citizenOverviewSchema,
  dataCheckViewSchema,
  evaluationRequestSchema,
  matterViewSchema,
  printViewSchema,
  submissionOutcomeSchema,
  submitApplicationRequestSchema,
  takeTicketRequestSchema,
  ticketOutcomeSchema,
} from './journey-schemas.js';
import { proofType } from './central-api.js';
import { faceFrames } from './central-face.js';
import { codeScanOutcomeSchema } from './code-scan.js';

export const deviceStatusSchema = z.object({
  device: z.enum(DEVICE_KINDS),
  state: z.enum(DEVICE_STATES),
  code: z.string().optional(),
  message: z.string(),
  port: z.string().optional(),
  at: z.number(),
});

export const syncStatusSchema = z.object({
  /** Central verification API reachable (by heartbeat, not the OS's opinion). */
  online: z.boolean(),
  pending: z.number().int().nonnegative(),
  oldestPendingAgeMs: z.number().nonnegative().nullable(),
  lastSuccessAt: z.number().nullable(),
  quarantined: z.number().int().nonnegative(),
  /** The store cannot accept new records (disk full…): the kiosk must say so. */
  acceptingWrites: z.boolean(),
  message: z.string().optional(),
});

/** What the renderer may know of the citizen: masked, never the full ID number. */
export const citizenViewSchema = z.object({
  displayName: z.string(),
  maskedIdNumber: z.string(),
  cardType: z.string(),
  age: z.number().int().nonnegative(),
  /** ≥ 70 by birth date: eligible for the green channel (绿色通道). */
  elderly: z.boolean(),
  idNumberValid: z.boolean(),
});

export const sessionViewSchema = z.object({
  sessionId: z.string(),
  startedAt: z.number(),
  /**
   * When the core ends this session unless there is activity (ms since the epoch). The core
   * owns it: the page's idle countdown shows it, and a restarted page adopts it as it is.
   */
  idleDeadlineAt: z.number(),
  citizen: citizenViewSchema,
  /** How the citizen identified (the session's method): a card, or an identity code (扫码). */
  source: z.enum(['idcard', 'citizencard', 'code']),
  /** The face step (刷脸) passed in this session; false until the core marks it. */
  faceVerified: z.boolean(),
  /** 代办: the agent's own session carries the principals handled so far (masked). */
  principals: z.array(citizenViewSchema),
  activePrincipal: z.number().int().nullable(),
  /** True while the agent is swiping principals' cards (代办 mode). */
  proxyMode: z.boolean(),
});

export const kioskInfoSchema = z.object({
  kioskId: z.string(),
  hallName: z.string(),
  locale: z.enum(['zh-CN', 'en']),
  shell: z.enum(['electron', 'browser']),
  idleSeconds: z.number().int(),
  elderlyIdleSeconds: z.number().int(),
  warningSeconds: z.number().int(),
  /** The hall's IANA time zone: the page shows every time in it, not in the machine's. */
  timeZone: z.string(),
});

export const noticeSchema = z.object({
  /** Machine-readable code, e.g. 'card-read-failed', 'printer-paper-out'. */
  code: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  at: z.number(),
});

/** Whether the kiosk serves citizens now: the hall's opening hours and the fleet's out-of-service command. */
export const serviceStateSchema = z.object({
  inService: z.boolean(),
  /** open; closed (outside the opening hours: no tickets, self-service goes on); out-of-service (taken out by operations: no sessions). */
  reason: z.enum(['open', 'closed', 'out-of-service']),
  /** What the attract screen says when not in service (operations' words, or null for the kiosk's own). */
  message: z.object({ zh: z.string().max(200), en: z.string().max(200) }).nullable(),
  /** The next opening (ms since the epoch) while closed. */
  opensAt: z.number().nullable(),
  /** The end of the current opening while open (null: open all the time). */
  closesAt: z.number().nullable(),
  /** The next quiet-time window restart, or null when none is configured. */
  dailyRestartAt: z.number().nullable(),
});

export const kioskStatusSchema = z.object({
  devices: z.array(deviceStatusSchema),
  sync: syncStatusSchema,
  session: sessionViewSchema.nullable(),
  service: serviceStateSchema,
});

/** The staff PIN of the maintenance screen (digits only: it is typed on the kiosk's own pad; 6 at least, 4 are guessed too soon). */
export const MAINTENANCE_PIN_MIN_DIGITS = 6;
export const maintenancePinSchema = z.string().regex(/^\d{6,12}$/, '6 to 12 digits');

export const maintenanceUnlockSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({
    ok: z.literal(false),
    /** not-configured: no maintenance.pinHash; citizen-present: a citizen's session is open. */
    reason: z.enum(['wrong-pin', 'locked-out', 'not-configured', 'citizen-present']),
    attemptsLeft: z.number().int().nonnegative().nullable(),
    retryAfterSeconds: z.number().int().nonnegative().nullable(),
  }),
]);

/** What hall staff see on the maintenance screen: no citizen's data, ever. */
export const maintenanceViewSchema = z.object({
  kioskId: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  uptimeSeconds: z.number().int().nonnegative(),
  centralUrl: z.string(),
  devices: z.array(deviceStatusSchema),
  sync: syncStatusSchema,
  /** Records the central system refused for good (poison): kind, key and reason only. */
  quarantined: z.array(z.object({ seq: z.number().int(), kind: z.string(), idempotencyKey: z.string(), reason: z.string().nullable() })),
  freeDiskBytes: z.number().nonnegative().nullable(),
});

export const maintenanceActionSchema = z.enum(['test-print', 'sync-now']);
export const maintenanceActionResultSchema = z.object({
  action: maintenanceActionSchema,
  ok: z.boolean(),
  /** 'printed', 'sync-started', or the failure code (e.g. 'paper-out'). */
  code: z.string(),
});

/**
 * 刷脸: what the face step answered. match: the session is face-verified now; no-match: the
 * frames show someone else; no-face: no usable face; unavailable: no comparison could be made
 * (central unreachable, the session ended meanwhile). The page offers the card for all but match.
 */
export const faceOutcomeSchema = z.object({ outcome: z.enum(['match', 'no-match', 'no-face', 'unavailable']) });

const method = <A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R) => ({ args, result });
const noArgs = z.tuple([]);
/**
 * The session a call is made for (the page's `sessionId`), last in a session method's
 * arguments: the core refuses it (no-session) when that session is no longer the open
 * one, so a stale or late call of one citizen never acts for the next. Optional for
 * callers in the core's own tests; the page always sends it.
 */
const forSession = z.string().min(1).max(64).optional();

export const kioskContract = {
  methods: {
    getKioskInfo: method(noArgs, kioskInfoSchema),
    getStatus: method(noArgs, kioskStatusSchema),
    /** Ends the citizen's session and clears their data in the core. */
    endSession: method(z.tuple([z.enum(['finished', 'idle', 'card-removed']), forSession]), z.null()),
    /**
     * The citizen is active on the page (touch, key; throttled by the page): the core moves
     * the session's idle deadline on. `elderlyMode`: the page shows elderly mode (longer
     * timeout). Returns the session with its new deadline, or null when none is open.
     */
    touchSession: method(z.tuple([z.object({ elderlyMode: z.boolean() }).strict(), forSession]), sessionViewSchema.nullable()),
    /** The matter catalog (shipped in assets/, refreshed from the central system). */
    listMatters: method(noArgs, z.array(matterViewSchema)),
    /** 政策找人, appointments today and the status of earlier applications, for the current subject. */
    getCitizenOverview: method(z.tuple([forSession]), citizenOverviewSchema),
    /** 一键取号: commits the ticket locally, then prints it (or returns the virtual ticket). */
    takeTicket: method(z.tuple([takeTicketRequestSchema, forSession]), ticketOutcomeSchema),
    /** Prints a ticket or receipt of this session again (补打). */
    reprint: method(z.tuple([z.string().max(64), forSession]), printViewSchema),
    /** 补打 of the ticket whose own QR code was just scanned at this kiosk (扫码 → ticket status). */
    reprintScannedTicket: method(z.tuple([z.string().max(64)]), printViewSchema),
    /** 数据查验: asks the central system live whether a proof is satisfied by its records. */
    runDataCheck: method(z.tuple([z.object({ matterId: z.string().max(64), proofType }), forSession]), dataCheckViewSchema),
    /** Submits a simple matter or a 一件事 bundle through the outbox and prints the receipt. */
    submitApplication: method(z.tuple([submitApplicationRequestSchema, forSession]), submissionOutcomeSchema),
    /** 好差评: a five-level rating, recorded and forwarded. */
    submitEvaluation: method(z.tuple([evaluationRequestSchema]), z.null()),
    /** 代办: the identified agent starts swiping principals' cards (true) or stops (false). */
    setProxyMode: method(z.tuple([z.boolean(), forSession]), sessionViewSchema),
    /** 代办: act for principal i, or for the agent (null). */
    selectPrincipal: method(z.tuple([z.number().int().min(0).max(31).nullable(), forSession]), sessionViewSchema),
    /** 刷脸: a few JPEG frames (base64, bounds in central-face.ts) compared with the session's reference; never kept. */
    verifyFace: method(z.tuple([faceFrames, forSession]), faceOutcomeSchema),
    /** Hall staff open the maintenance screen with their PIN (wrong PINs lock it out for a while). */
    unlockMaintenance: method(z.tuple([maintenancePinSchema]), maintenanceUnlockSchema),
    getMaintenanceView: method(noArgs, maintenanceViewSchema),
    runMaintenanceAction: method(z.tuple([maintenanceActionSchema]), maintenanceActionResultSchema),
    lockMaintenance: method(noArgs, z.null()),
  },
  events: {
    deviceStatus: deviceStatusSchema,
    syncStatus: syncStatusSchema,
    /** A citizen was identified, or the session ended (null). */
    session: sessionViewSchema.nullable(),
    notice: noticeSchema,
    /** The kiosk went in or out of service (opening hours, operations). */
    serviceState: serviceStateSchema,
    /** A code was scanned (扫码): what came of it; never the token, never an identity. */
    codeScan: codeScanOutcomeSchema,
  },
} as const;

export type KioskContract = typeof kioskContract;
export type MethodName = keyof KioskContract['methods'];
export type EventName = keyof KioskContract['events'];
export type MethodArgs<M extends MethodName> = z.infer<KioskContract['methods'][M]['args']>;
export type MethodResult<M extends MethodName> = z.infer<KioskContract['methods'][M]['result']>;
export type EventPayload<E extends EventName> = z.infer<KioskContract['events'][E]>;

/** The API as the core implements it (`satisfies KioskApi`). */
export type KioskApi = {
  [M in MethodName]: (...args: MethodArgs<M>) => Promise<MethodResult<M>>;
};

export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type CitizenView = z.infer<typeof citizenViewSchema>;
export type SessionView = z.infer<typeof sessionViewSchema>;
export type KioskInfo = z.infer<typeof kioskInfoSchema>;
export type KioskStatus = z.infer<typeof kioskStatusSchema>;
export type Notice = z.infer<typeof noticeSchema>;
export type ServiceState = z.infer<typeof serviceStateSchema>;
export type FaceFrames = z.infer<typeof faceFrames>;
export type FaceOutcome = z.infer<typeof faceOutcomeSchema>;
export type MaintenanceUnlock = z.infer<typeof maintenanceUnlockSchema>;
export type MaintenanceView = z.infer<typeof maintenanceViewSchema>;
export type MaintenanceAction = z.infer<typeof maintenanceActionSchema>;
export type MaintenanceActionResult = z.infer<typeof maintenanceActionResultSchema>;

export const METHOD_NAMES = Object.keys(kioskContract.methods) as MethodName[];
export const EVENT_NAMES = Object.keys(kioskContract.events) as EventName[];
