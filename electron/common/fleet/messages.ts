/**
 * The fleet messages (MQTT payloads, JSON), one zod schema each, shared by the kiosk's
 * agent, the fleet CLI and the bench. Every message carries `v` (the schema version) and
 * the kiosk id. Nothing personal ever goes in one: devices, paper, outbox counts, disk,
 * memory, versions and the service state only (test/e2e/fleet-privacy.test.ts scans them).
 */
import { z } from 'zod';
import { DEVICE_KINDS, DEVICE_STATES } from '../device-status.js';

export const FLEET_SCHEMA_VERSION = 1;
const v = z.literal(FLEET_SCHEMA_VERSION);
const kioskId = z.string().regex(/^[A-Za-z0-9-]{2,32}$/);
const epochMs = z.number().int().nonnegative();

/** Retained; `offline` is also the Last Will the broker publishes for a dead kiosk. */
export const stateMessageSchema = z.object({
  v,
  kioskId,
  state: z.enum(['online', 'offline']),
  /** When the kiosk said so (for the Last Will: when it connected). */
  at: epochMs,
});

export const PAPER_STATES = ['ok', 'near-end', 'out', 'unknown', 'none'] as const;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const serviceHealthSchema = z.object({
  inService: z.boolean(),
  reason: z.enum(['open', 'closed', 'out-of-service']),
  opensAt: epochMs.nullable(),
  closesAt: epochMs.nullable(),
  dailyRestartAt: epochMs.nullable(),
});

/** Retained, on change and every health period. */
export const healthMessageSchema = z.object({
  v,
  kioskId,
  at: epochMs,
  version: z.string().max(64),
  catalogVersion: z.number().int().nonnegative().nullable(),
  uptimeSeconds: z.number().int().nonnegative(),
  heapUsedBytes: z.number().int().nonnegative(),
  diskFreeBytes: z.number().nonnegative().nullable(),
  devices: z.array(z.object({
    device: z.enum(DEVICE_KINDS),
    state: z.enum(DEVICE_STATES),
    /** Machine-readable reason ('paper-near-end', 'timeout'…); never a driver's free text. */
    code: z.string().max(64).nullable(),
  })),
  paper: z.enum(PAPER_STATES),
  outbox: z.object({
    online: z.boolean(),
    pending: z.number().int().nonnegative(),
    oldestPendingAgeMs: z.number().nonnegative().nullable(),
    quarantined: z.number().int().nonnegative(),
    acceptingWrites: z.boolean(),
    lastSuccessAt: epochMs.nullable(),
  }),
  /** A citizen is at the kiosk (no more than that: who is never said). */
  inSession: z.boolean(),
  /** Opening hours and out-of-service; null on a kiosk without the service schedule. */
  service: serviceHealthSchema.nullable(),
  logLevel: z.enum(LOG_LEVELS),
});

export const EVENT_CODES = [
  'paper-near-end', 'paper-out', 'paper-ok',
  'device-lost', 'device-back', 'device-fault',
  'store-full', 'store-accepting', 'record-quarantined',
  'out-of-service', 'in-service', 'window-restarted', 'crash-recovered',
  'command-refused',
] as const;
export type FleetEventCode = (typeof EVENT_CODES)[number];

/** An alert as it happens (not retained). */
export const eventMessageSchema = z.object({
  v,
  kioskId,
  code: z.enum(EVENT_CODES),
  level: z.enum(['info', 'warning', 'error']),
  at: epochMs,
  device: z.enum(DEVICE_KINDS).nullable(),
  /** A machine-readable detail (a device's status code, a command name…). */
  detail: z.string().max(64).nullable(),
});

const localized = z.object({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) }).strict();

/** What each command takes. */
export const commandBodySchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('out-of-service'), args: z.object({ message: localized }).strict() }),
  z.object({ command: z.literal('in-service'), args: z.object({}).strict().default({}) }),
  z.object({ command: z.literal('restart-window'), args: z.object({}).strict().default({}) }),
  z.object({ command: z.literal('refresh-catalog'), args: z.object({}).strict().default({}) }),
  z.object({ command: z.literal('upload-now'), args: z.object({}).strict().default({}) }),
  z.object({ command: z.literal('print-test-page'), args: z.object({}).strict().default({}) }),
  z.object({ command: z.literal('screenshot'), args: z.object({}).strict().default({}) }),
  z.object({ command: z.literal('set-log-level'), args: z.object({ level: z.enum(LOG_LEVELS) }).strict() }),
]);
export const COMMAND_NAMES = commandBodySchema.options.map((o) => o.shape.command.value);
export type CommandName = (typeof COMMAND_NAMES)[number];

export const COMMAND_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Sent by a fleet operator to `cmd`: an id (never reused) and an expiry. */
export const commandMessageSchema = z.intersection(
  z.object({ v, id: z.string().regex(COMMAND_ID, '8-64 letters, digits, dots, dashes or underscores'), expiresAt: epochMs }),
  commandBodySchema,
);

export const COMMAND_RESULT_CODES = [
  'done', 'invalid', 'expired', 'replayed', 'citizen-in-session', 'unsupported', 'failed',
] as const;

/** Exactly one per command the kiosk received (a refusal is a result too). */
export const commandResultSchema = z.object({
  v,
  kioskId,
  /** The command's id; null when the message had none that could be read. */
  id: z.string().max(64).nullable(),
  command: z.enum(COMMAND_NAMES as [CommandName, ...CommandName[]]).nullable(),
  ok: z.boolean(),
  code: z.enum(COMMAND_RESULT_CODES),
  /** Machine-readable detail (the printer's failure code, the validation problem…). */
  detail: z.string().max(300).nullable(),
  at: epochMs,
  /** The screenshot command's PNG (taken only while no citizen is in session). */
  screenshot: z.object({ mime: z.literal('image/png'), base64: z.string() }).optional(),
});

export type StateMessage = z.infer<typeof stateMessageSchema>;
export type HealthMessage = z.infer<typeof healthMessageSchema>;
export type EventMessage = z.infer<typeof eventMessageSchema>;
export type CommandMessage = z.infer<typeof commandMessageSchema>;
export type CommandBody = z.infer<typeof commandBodySchema>;
export type CommandResult = z.infer<typeof commandResultSchema>;
export type CommandResultCode = (typeof COMMAND_RESULT_CODES)[number];

export class FleetMessageError extends Error {
  override readonly name = 'FleetMessageError';
}

/** Parses a payload as JSON and then the schema; a bad payload is a FleetMessageError naming the fields. */
export function parseFleetMessage<S extends z.ZodType>(schema: S, payload: Uint8Array | string, what: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof payload === 'string' ? payload : new TextDecoder().decode(payload));
  } catch {
    throw new FleetMessageError(`${what}: not JSON`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new FleetMessageError(`${what}: ${result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
