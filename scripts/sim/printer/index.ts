export { startPrinterSimulator, type PrinterSimulator, type PrinterSimulatorOptions } from './simulator.js';
export type { PrinterSimulatorControls, PrinterControlCommand, PrinterControlResult, PrintedTicketSummary } from './controls.js';
export type { PrintedTicket, SimulatedPrinterState, SimulatedFault } from './printer-model.js';
export { EscPosStreamParser, type EscPosEvent } from './escpos-parser.js';
export { renderTicketPng } from './render.js';
