/**
 * Control surface of the printer simulator: programmatic, and a JSON command form
 * (`handleControl`) the lead can expose over HTTP for UI tests.
 */
import { z } from 'zod';
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

const fault = z.enum(['paperOut', 'coverOpen', 'cutterError', 'offline', 'silent']);
export const printerControlCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('set'),
    state: z.object({
      paperNearEnd: z.boolean(), paperOut: z.boolean(), coverOpen: z.boolean(),
      cutterError: z.boolean(), offline: z.boolean(), silent: z.boolean(),
    }).partial().strict(),
  }),
  z.object({ type: z.literal('state') }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('fault-after-bytes'), bytes: z.number().int().min(0), fault }),
  z.object({ type: z.literal('tickets') }),
  z.object({ type: z.literal('clear-tickets') }),
]);
export type PrinterControlCommand = z.infer<typeof printerControlCommand>;

/** JSON-safe ticket summary (no paper blocks, no high-resolution timing). */
export type PrintedTicketSummary = Omit<PrintedTicket, 'blocks' | 'cutAt'>;

export type PrinterControlResult =
  | { ok: true; state: SimulatedPrinterState }
  | { ok: true; tickets: PrintedTicketSummary[] }
  | { ok: false; error: string };

export function summarize(ticket: PrintedTicket): PrintedTicketSummary {
  const { blocks: _blocks, ...rest } = ticket;
  return rest;
}

/** Validates and runs one JSON command; bad input gets `{ ok: false, error }`, never a throw. */
export function handleControlWith(controls: PrinterSimulatorControls, raw: unknown): PrinterControlResult {
  const parsed = printerControlCommand.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(command)'}: ${i.message}`).join('; ');
    return { ok: false, error: `invalid printer simulator command: ${detail}` };
  }
  const command = parsed.data;
  switch (command.type) {
    case 'set':
      return { ok: true, state: controls.set(command.state) };
    case 'state':
      return { ok: true, state: controls.state() };
    case 'reset':
      return { ok: true, state: controls.reset() };
    case 'fault-after-bytes':
      controls.faultAfterBytes(command.bytes, command.fault);
      return { ok: true, state: controls.state() };
    case 'tickets':
      return { ok: true, tickets: controls.tickets().map(summarize) };
    case 'clear-tickets':
      controls.clearTickets();
      return { ok: true, tickets: [] };
  }
}
