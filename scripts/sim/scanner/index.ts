/**
 * Starts the scanner simulator on a real PTY. The demo composition calls this when
 * devices.scanner.port is '@simulator' and hands `devicePath` to `createScanner`.
 */
import { handleControl, type ScannerControlContext, type ScannerSimCommand, type ScannerSimReply } from './control.js';
import { ScannerSimulator, type ScannerSimulatorOptions } from './simulator.js';

export interface RunningScannerSimulator {
  /** The serial device path for the driver (stable across unplug / replug). */
  devicePath: string;
  sim: ScannerSimulator;
  /** Where identity tokens come from (the embedded central simulator, when there is one). */
  context: ScannerControlContext;
  handleControl(command: ScannerSimCommand): Promise<ScannerSimReply>;
  close(): Promise<void>;
}

export async function startScannerSimulator(options: ScannerSimulatorOptions = {}, context: ScannerControlContext = {}): Promise<RunningScannerSimulator> {
  const sim = await ScannerSimulator.start(options);
  return {
    devicePath: sim.devicePath,
    sim,
    context,
    handleControl: (command) => handleControl(sim, command, context),
    close: () => sim.close(),
  };
}

export { ScannerSimulator, type ScannerSimulatorOptions } from './simulator.js';
export { makeCode, randomIdentityToken, type MakeCodeOptions } from './codes.js';
export type { ScannerSimCommand, ScannerSimReply, ScannerSimState, IdentityTokenIssuer, ScannerControlContext } from './control.js';
