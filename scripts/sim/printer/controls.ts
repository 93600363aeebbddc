/**
 * Control surface of the printer simulator: programmatic, and its side of the simulators'
 * control protocol (scripts/sim/control-protocol.ts), e.g. `{ command: 'set', args: { paperOut: true } }`.
 */
import { parseCommand, printerCommand, type ControlReply, type PrinterCommand } from '../control-protocol.js';
import { READY_STATE, type PrintedTicket, type PrinterModel, type SimulatedFault, type SimulatedPrinterState } from './printer-model.js';

export interface PrinterSimulatorControls {
  /** Changes the printer's state (paper near end, paper out, cover open, offline, silent, cutter error). */
  set(patch: Partial<SimulatedPrinterState>): SimulatedPrinterState;
  state(): SimulatedPrinterState;
  /** Back to a ready printer with paper. */
  reset(): SimulatedPrinterState;
  /** Makes `fault` happen once `bytes` more print bytes have arrived (a cover opened mid-job). */
  faultAfterBytes(bytes: number, fault: SimulatedFault): void;
  tickets(): PrintedTicket[];
  waitForTickets(count: number, timeoutMs?: number): Promise<PrintedTicket[]>;
  clearTickets(): void;
  stats(): { printBytes: number; statusQueries: number; lastByteAt: number };
}

export function makeControls(model: PrinterModel): PrinterSimulatorControls {
  return {
    set(patch) {
      model.state = { ...model.state, ...patch };
      return { ...model.state };
    },
    state: () => ({ ...model.state }),
    reset() {
      model.state = { ...READY_STATE };
      return { ...model.state };
    },
    faultAfterBytes: (bytes, fault) => model.faultAfterBytes(bytes, fault),
    tickets: () => [...model.tickets],
    waitForTickets: (count, timeoutMs) => model.waitForTickets(count, timeoutMs),
    clearTickets: () => {
      model.tickets.length = 0;
    },
    stats: () => ({ ...model.stats }),
  };
}

export type PrinterControlCommand = PrinterCommand;

/** JSON-safe ticket summary (no paper blocks, no high-resolution timing). */
export type PrintedTicketSummary = Omit<PrintedTicket, 'blocks' | 'cutAt'>;

export type PrinterControlResult = ControlReply<SimulatedPrinterState, { tickets: PrintedTicketSummary[] }>;

export function summarize(ticket: PrintedTicket): PrintedTicketSummary {
  const { blocks: _blocks, ...rest } = ticket;
  return rest;
}

/** Validates and runs one command (it may come from JSON); bad input gets `{ ok: false, error }`, never a throw. */
export function handleControlWith(controls: PrinterSimulatorControls, raw: PrinterCommand): PrinterControlResult {
  const parsed = parseCommand('printer', printerCommand, raw);
  if (!parsed.ok) return parsed;
  const c = parsed.command;
  switch (c.command) {
    case 'set':
      return { ok: true, state: controls.set(c.args) };
    case 'state':
      return { ok: true, state: controls.state() };
    case 'reset':
      return { ok: true, state: controls.reset() };
    case 'fault-after-bytes':
      controls.faultAfterBytes(c.args.bytes, c.args.fault);
      return { ok: true, state: controls.state() };
    case 'tickets':
      return { ok: true, state: controls.state(), tickets: controls.tickets().map(summarize) };
    case 'clear-tickets':
      controls.clearTickets();
      return { ok: true, state: controls.state(), tickets: [] };
  }
}
