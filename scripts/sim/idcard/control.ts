/**
 * The ID-card simulator's side of the simulators' control protocol
 * (scripts/sim/control-protocol.ts): `handleControl({ command: 'insert', args: { card: 'resident-1' } })`.
 */
import { idCardCommand, parseCommand, type ControlReply, type IdCardCommand } from '../control-protocol.js';
import { SIM_PEOPLE } from './people.js';
import { hallCitizenCards } from './hall-citizens.js';
import type { IdCardSimulator, SimFault } from './simulator.js';

export type IdCardSimCommand = IdCardCommand;
export type IdCardSimReply = ControlReply<IdCardSimState, { cards: Array<{ id: string; kind: string; name: string }> }>;

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

type FaultArgs = Extract<IdCardCommand, { command: 'fault' }>['args'];

function toFault(a: FaultArgs): SimFault {
  if (a.fault === 'slow') return { kind: 'slow', byteDelayMs: a.byteDelayMs ?? 2 };
  if (a.fault === 'garbage') return a.bytes === undefined ? { kind: 'garbage' } : { kind: 'garbage', bytes: a.bytes };
  return { kind: a.fault };
}

/** Validates and runs one command; bad input gets `{ ok: false, error }`, never a throw. */
export async function handleControl(sim: IdCardSimulator, raw: IdCardCommand): Promise<IdCardSimReply> {
  const parsed = parseCommand('idcard', idCardCommand, raw);
  if (!parsed.ok) return parsed;
  const c = parsed.command;
  try {
    switch (c.command) {
      case 'insert':
        sim.insert(c.args.card);
        break;
      case 'remove':
        sim.remove();
        break;
      case 'swipe':
        sim.insert(c.args.card);
        setTimeout(() => sim.remove(), c.args.holdMs ?? 1500).unref();
        break;
      case 'fault':
        sim.inject(toFault(c.args), c.args.onCommand);
        break;
      case 'clear-faults':
        sim.clearFaults();
        break;
      case 'sam-fault':
        sim.responder.samFault = c.args.sw3 === null ? undefined : (c.args.sw3 ?? 0x60);
        break;
      case 'fail-reads':
        sim.responder.readFailures = c.args.count;
        break;
      case 'halt-after-read':
        sim.responder.haltAfterRead = c.args.enabled;
        break;
      case 'unplug':
        await sim.unplug();
        break;
      case 'replug':
        await sim.plug();
        break;
      case 'pace':
        sim.paceBaud = c.args.baud ?? undefined;
        break;
      case 'list-cards':
        return { ok: true, state: stateOf(sim), cards: [...SIM_PEOPLE, ...hallCitizenCards()].map((p) => ({ id: p.id, kind: p.kind, name: p.name })) };
      case 'state':
        break;
    }
    return { ok: true, state: stateOf(sim) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
