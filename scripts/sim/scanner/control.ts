/**
 * The scanner simulator's side of the simulators' control protocol
 * (scripts/sim/control-protocol.ts): `handleControl({ command: 'scan', args: { kind: 'network-id' } })`.
 * The reply to a scan carries the code it sent (a simulated token), so a test can scan it again.
 */
import { randomBytes } from 'node:crypto';
import { classifyCode, isIdentityCodeKind, type IdentityCodeKind, type ScannedCodeKind } from '../../../electron/common/scan-codes.js';
import type { ScannerTerminator } from '../../../electron/common/config.js';
import { parseCommand, scannerCommand, type ControlReply, type ScannerCommand } from '../control-protocol.js';
import { makeCode, type MakeCodeOptions } from './codes.js';
import type { ScannerSimulator } from './simulator.js';

export type ScannerSimCommand = ScannerCommand;

export interface ScannerSimState {
  plugged: boolean;
  terminator: ScannerTerminator;
  paceBaud: number | null;
  linesSent: number;
  devicePath: string;
}

export type ScannerSimReply = ControlReply<ScannerSimState, { sent: { kind: ScannedCodeKind; length: number; code: string } }>;

/**
 * Issues a token the central simulator will resolve (its identity codes, for `citizen`);
 * absent (no embedded central), identity codes carry a fresh random token it does not know.
 */
export type IdentityTokenIssuer = (kind: IdentityCodeKind, citizen: string | undefined) => string | Promise<string>;

export interface ScannerControlContext {
  issueToken?: IdentityTokenIssuer;
  /** The kiosk's tracking base and id, for kiosk-ticket codes. */
  codeOptions?: MakeCodeOptions;
}

function stateOf(sim: ScannerSimulator): ScannerSimState {
  return { plugged: sim.plugged, terminator: sim.terminator, paceBaud: sim.paceBaud, linesSent: sim.linesSent, devicePath: sim.devicePath };
}

/** Random bytes with control bytes in them (never a terminator, so it stays one line). */
function noise(bytes: number): Uint8Array {
  const out = randomBytes(bytes).map((b) => (b === 0x0d || b === 0x0a ? 0x00 : b));
  out[0] = 0x00;
  return out;
}

/** Validates and runs one command; bad input gets `{ ok: false, error }`, never a throw. */
export async function handleControl(sim: ScannerSimulator, raw: ScannerCommand, context: ScannerControlContext = {}): Promise<ScannerSimReply> {
  const parsed = parseCommand('scanner', scannerCommand, raw);
  if (!parsed.ok) return parsed;
  const c = parsed.command;
  try {
    switch (c.command) {
      case 'scan': {
        const { kind, citizen, unplugMidLine } = c.args;
        let value = c.args.value;
        if (value === undefined && isIdentityCodeKind(kind) && context.issueToken) value = await context.issueToken(kind, citizen);
        const code = makeCode(kind, value, context.codeOptions);
        if (unplugMidLine) await sim.unplugMidLine(code);
        else await sim.sendLine(code);
        return { ok: true, state: stateOf(sim), sent: { kind: classifyCode(code), length: code.length, code } };
      }
      case 'scan-raw':
        await sim.sendLine(c.args.text);
        return { ok: true, state: stateOf(sim), sent: { kind: classifyCode(c.args.text), length: c.args.text.length, code: c.args.text } };
      case 'garbage': {
        const bytes = noise(c.args.bytes ?? 32);
        await sim.send(Uint8Array.from([...bytes, ...sim.terminatorBytes()]));
        break;
      }
      case 'unplug':
        await sim.unplug();
        break;
      case 'replug':
        await sim.plug();
        break;
      case 'terminator':
        sim.terminator = c.args.terminator;
        break;
      case 'pace':
        sim.paceBaud = c.args.baud;
        break;
      case 'state':
        break;
    }
    return { ok: true, state: stateOf(sim) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
