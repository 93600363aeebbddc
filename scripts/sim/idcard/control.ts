/**
 * A JSON-friendly control surface for the simulator, so the kiosk launcher can expose
 * it over HTTP to end-to-end UI tests: `handleControl({op: 'insert', card: 'resident-1'})`.
 */
import type { CommandName } from '../../../native/idcard/protocol.js';
import { SIM_PEOPLE } from './people.js';
import { hallCitizenCards } from './hall-citizens.js';
import type { IdCardSimulator, SimFault } from './simulator.js';

export type IdCardSimCommand =
  | { op: 'insert'; card: string }
  | { op: 'remove' }
  | { op: 'swipe'; card: string; holdMs?: number }
  | { op: 'fault'; fault: SimFault['kind']; command?: CommandName; bytes?: number; byteDelayMs?: number }
  | { op: 'clear-faults' }
  | { op: 'sam-fault'; sw3?: number | null }
  | { op: 'fail-reads'; count: number }
  | { op: 'halt-after-read'; enabled: boolean }
  | { op: 'unplug' }
  | { op: 'replug' }
  | { op: 'pace'; baud: number | null }
  | { op: 'list-cards' }
  | { op: 'state' };

export type IdCardSimReply =
  | { ok: true; cards?: Array<{ id: string; kind: string; name: string }>; state?: IdCardSimState }
  | { ok: false; error: string };

export interface IdCardSimState {
  plugged: boolean;
  card: string | null;
  samFault: number | null;
  haltAfterRead: boolean;
  paceBaud: number | null;
  devicePath: string;
}

function stateOf(sim: IdCardSimulator): IdCardSimState {
  return {
    plugged: sim.plugged,
    card: sim.responder.card?.id ?? null,
    samFault: sim.responder.samFault ?? null,
    haltAfterRead: sim.responder.haltAfterRead,
    paceBaud: sim.paceBaud ?? null,
    devicePath: sim.devicePath,
  };
}

function toFault(c: Extract<IdCardSimCommand, { op: 'fault' }>): SimFault {
  if (c.fault === 'slow') return { kind: 'slow', byteDelayMs: c.byteDelayMs ?? 2 };
  if (c.fault === 'garbage') return c.bytes === undefined ? { kind: 'garbage' } : { kind: 'garbage', bytes: c.bytes };
  return { kind: c.fault };
}

export async function handleControl(sim: IdCardSimulator, command: IdCardSimCommand): Promise<IdCardSimReply> {
  try {
    switch (command.op) {
      case 'insert':
        sim.insert(command.card);
        break;
      case 'remove':
        sim.remove();
        break;
      case 'swipe':
        sim.insert(command.card);
        setTimeout(() => sim.remove(), command.holdMs ?? 1500).unref();
        break;
      case 'fault':
        sim.inject(toFault(command), command.command);
        break;
      case 'clear-faults':
        sim.clearFaults();
        break;
      case 'sam-fault':
        sim.responder.samFault = command.sw3 === null ? undefined : (command.sw3 ?? 0x60);
        break;
      case 'fail-reads':
        sim.responder.readFailures = command.count;
        break;
      case 'halt-after-read':
        sim.responder.haltAfterRead = command.enabled;
        break;
      case 'unplug':
        await sim.unplug();
        break;
      case 'replug':
        await sim.plug();
        break;
      case 'pace':
        sim.paceBaud = command.baud ?? undefined;
        break;
      case 'list-cards':
        return { ok: true, cards: [...SIM_PEOPLE, ...hallCitizenCards()].map((p) => ({ id: p.id, kind: p.kind, name: p.name })) };
      case 'state':
        break;
      default:
        return { ok: false, error: `unknown op ${(command as { op?: unknown }).op as string}` };
    }
    return { ok: true, state: stateOf(sim) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
