/**
 * The demo composition: what a shell loads, only for a demo config (one that names a
 * simulator), to start the simulators that config names and resolve their addresses
 * into it. Built on its own (dist/node/demo.mjs, dist-electron/demo.cjs) and found by
 * path at run time (electron/core/startup/demo-module.ts), so the kiosk's production
 * bundles contain no simulator.
 */
import type { KioskConfig } from '../../electron/common/config.js';
import type { DemoComposition, DemoOptions, StartDemo } from '../../electron/core/startup/demo-module.js';
import { startEmbeddedSimulators, type EmbeddedSimulators } from './embedded.js';

export interface RunningDemo extends DemoComposition {
  simulators: EmbeddedSimulators;
}

export const startDemo: StartDemo<RunningDemo> = async (config: KioskConfig, options: DemoOptions = {}) => {
  const started = await startEmbeddedSimulators(config, options);
  const { simulators } = started;
  const notes: string[] = [];
  if (simulators.idcard || simulators.citizencard || simulators.printer) {
    notes.push('simulated devices: try `npm run -s sim -- swipe resident-1` (or hall-turning-60, elder-1…), `npm run -s sim -- paper-out`, `npm run -s sim -- central-down`');
  }
  if (simulators.scanner) notes.push('simulated code scanner: try `npm run -s sim -- scan network-id` (or social-security-card, zlb, appointment, kiosk-ticket, unknown)');
  return { config: started.config, simulators, notes, close: started.close };
};
