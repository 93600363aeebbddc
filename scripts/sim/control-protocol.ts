/**
 * One control protocol for the simulators: every message is `{ device, command, args }`
 * (args only where the command takes some), every reply `{ ok: true, state, … }` or
 * `{ ok: false, error }`. Each simulator validates its `{ command, args }` with the schema
 * here; the control server (`npm run -s sim`) reads the whole message. Used by the CLI,
 * the control server and the tests, so no caller spells a command its own way.
 */
import { z } from 'zod';
import { COMMANDS, type CommandName } from '../../native/idcard/protocol.js';
import { SCANNER_TERMINATORS } from '../../electron/common/config.js';
import { SCANNED_CODE_KINDS } from '../../electron/common/scan-codes.js';

/** A command without arguments: `args` absent or `{}`. */
const bare = <N extends string>(name: N) => z.object({ command: z.literal(name), args: z.object({}).strict().optional() }).strict();
const withArgs = <N extends string, A extends z.ZodRawShape>(name: N, args: A) =>
  z.object({ command: z.literal(name), args: z.object(args).strict() }).strict();

const cardKey = z.string().min(1).max(64);

// ---------------------------------------------------------------- ID-card reader
const idCardCommandName = z.enum(Object.keys(COMMANDS) as [CommandName, ...CommandName[]]);
export const idCardCommand = z.discriminatedUnion('command', [
  withArgs('insert', { card: cardKey }),
  bare('remove'),
  /** Inserted, then removed after holdMs (default 1500). */
  withArgs('swipe', { card: cardKey, holdMs: z.number().int().min(0).max(60_000).optional() }),
  withArgs('fault', {
    fault: z.enum(['corrupt-checksum', 'garbage', 'truncate', 'silence', 'slow', 'unplug-mid-frame']),
    /** Only on this reader command (default: the next one). */
    onCommand: idCardCommandName.optional(),
    bytes: z.number().int().min(0).max(65_536).optional(),
    byteDelayMs: z.number().min(0).max(1000).optional(),
  }),
  bare('clear-faults'),
  /** The SAM answers this status byte (null: healthy again; default 0x60). */
  withArgs('sam-fault', { sw3: z.number().int().min(0).max(255).nullable().optional() }),
  withArgs('fail-reads', { count: z.number().int().min(0).max(1000) }),
  withArgs('halt-after-read', { enabled: z.boolean() }),
  bare('unplug'),
  bare('replug'),
  withArgs('pace', { baud: z.number().int().positive().nullable() }),
  bare('list-cards'),
  bare('state'),
]);
export type IdCardCommand = z.input<typeof idCardCommand>;

// ---------------------------------------------------------------- citizen-card reader
export const citizenCardCommand = z.discriminatedUnion('command', [
  bare('list'),
  /** pullAfterApdus: the citizen pulls the card out after that many APDUs (mid-read). */
  withArgs('insert', { card: cardKey, pullAfterApdus: z.number().int().min(0).optional() }),
  bare('remove'),
  bare('unplug'), // the cable is pulled: the serial device node disappears
  bare('replug'), // plugged back: the same device path comes back
  bare('mute'), // the reader is there but stops answering (hung firmware, wrong baud)
  bare('unmute'),
  withArgs('noise', { bytes: z.number().int().min(1).max(4096).optional() }), // line noise before the next reply (serial only)
  bare('state'),
]);
export type CitizenCardCommand = z.input<typeof citizenCardCommand>;

// ---------------------------------------------------------------- receipt printer
const printerFault = z.enum(['paperOut', 'coverOpen', 'cutterError', 'offline', 'silent']);
export const printerCommand = z.discriminatedUnion('command', [
  withArgs('set', {
    paperNearEnd: z.boolean().optional(), paperOut: z.boolean().optional(), coverOpen: z.boolean().optional(),
    cutterError: z.boolean().optional(), offline: z.boolean().optional(), silent: z.boolean().optional(),
  }),
  bare('state'),
  bare('reset'),
  withArgs('fault-after-bytes', { bytes: z.number().int().min(0), fault: printerFault }),
  bare('tickets'),
  bare('clear-tickets'),
]);
export type PrinterCommand = z.input<typeof printerCommand>;

// ---------------------------------------------------------------- 2D barcode scanner
export const scannerCommand = z.discriminatedUnion('command', [
  /**
   * A valid code of that kind (scripts/sim/scanner/codes.ts makeCode); `value` is its token,
   * appointment id or ticket number, `citizen` whom an issued identity token is for.
   */
  withArgs('scan', {
    kind: z.enum(SCANNED_CODE_KINDS),
    value: z.string().min(1).max(512).optional(),
    citizen: z.string().min(1).max(64).optional(),
    /** Half the code, then the cable goes. */
    unplugMidLine: z.boolean().optional(),
  }),
  /** Any text as one line (its terminator added). */
  withArgs('scan-raw', { text: z.string().max(8192) }),
  /** Line noise: random bytes with control bytes, then a terminator. */
  withArgs('garbage', { bytes: z.number().int().min(1).max(4096).optional() }),
  bare('unplug'),
  bare('replug'),
  withArgs('terminator', { terminator: z.enum(SCANNER_TERMINATORS) }),
  withArgs('pace', { baud: z.number().int().positive().nullable() }),
  bare('state'),
]);
export type ScannerCommand = z.input<typeof scannerCommand>;

// ---------------------------------------------------------------- central API
export const centralCommand = z.discriminatedUnion('command', [
  /** Replaces the fault configuration (absent fields: no fault); `{}` is central up again. */
  z.object({ command: z.literal('faults'), args: z.record(z.string(), z.unknown()).optional() }).strict(),
  bare('stats'),
]);
export type CentralCommand = z.input<typeof centralCommand>;

export const SIMULATOR_DEVICES = ['idcard', 'citizencard', 'printer', 'scanner', 'central'] as const;
export type SimulatorDevice = (typeof SIMULATOR_DEVICES)[number];

/** The envelope the control server reads first; the device's own schema checks the rest. */
export const controlMessage = z.object({
  device: z.enum(SIMULATOR_DEVICES),
  command: z.string().min(1),
  args: z.unknown().optional(),
}).strict();

export type ControlMessage =
  | ({ device: 'idcard' } & IdCardCommand)
  | ({ device: 'citizencard' } & CitizenCardCommand)
  | ({ device: 'printer' } & PrinterCommand)
  | ({ device: 'scanner' } & ScannerCommand)
  | ({ device: 'central' } & CentralCommand);

/** Every reply: the device's state after the command, plus what a query asked for. */
export type ControlReply<State, Extra extends object = object> = ({ ok: true; state: State } & Partial<Extra>) | { ok: false; error: string };

/** Parses one device's `{ command, args }`; a bad one is a readable `{ ok: false, error }`. */
export function parseCommand<T>(device: SimulatorDevice, schema: z.ZodType<T>, raw: unknown): { ok: true; command: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, command: parsed.data };
  const names = commandNames(schema);
  const detail = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(message)'}: ${i.message}`).join('; ');
  return { ok: false, error: `invalid ${device} simulator command (${detail}); commands: ${names.join(', ')}` };
}

function commandNames(schema: z.ZodType): string[] {
  const options = (schema as unknown as { options?: Array<{ shape: { command: { value: string } } }> }).options ?? [];
  return options.map((o) => o.shape.command.value);
}
