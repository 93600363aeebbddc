/**
 * Starts the ID-card reader simulator on a real PTY. The core calls this when the
 * configured port is '@simulator' and hands `devicePath` to `createIdCardReader`.
 */
import { handleControl, type IdCardSimCommand, type IdCardSimReply } from './control.js';
import { IdCardSimulator, type IdCardSimulatorOptions } from './simulator.js';

export interface RunningIdCardSimulator {
  /** The serial device path for the driver (stable across unplug / replug). */
  devicePath: string;
  sim: IdCardSimulator;
  handleControl(command: IdCardSimCommand): Promise<IdCardSimReply>;
  close(): Promise<void>;
}

export async function startIdCardSimulator(options: IdCardSimulatorOptions = {}): Promise<RunningIdCardSimulator> {
  const sim = await IdCardSimulator.start(options);
  return {
    devicePath: sim.devicePath,
    sim,
    handleControl: (command) => handleControl(sim, command),
    close: () => sim.close(),
  };
}

export { IdCardSimulator, type SimFault, type ReplyRecord, type PresentationRecord, type IdCardSimulatorOptions } from './simulator.js';
export type { IdCardSimCommand, IdCardSimReply, IdCardSimState } from './control.js';
export { SIM_PEOPLE, findPerson, type SimPerson } from './people.js';
