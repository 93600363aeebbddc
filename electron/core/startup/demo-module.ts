/**
 * The demo composition seen from the shells: the simulators live in scripts/sim
 * (scripts/sim/demo.ts, bundled separately as dist/node/demo.mjs for the browser shell
 * and dist-electron/demo.cjs for Electron). A shell loads it only for a demo config, by
 * a path computed at run time, so no production bundle contains a simulator; an
 * installation without it refuses a demo config.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { KioskConfig } from '../../common/config.js';

export interface DemoOptions {
  /** Where the printer simulator writes ticket PNGs (null: don't render). */
  printerOutputDir?: string | null;
  /** Department verifications complete after this long in the embedded central simulator. */
  verificationDelayMs?: number;
}

export interface DemoComposition {
  /** The config with each simulator's real address ('@simulator' → its PTY, 'embedded' → its URL and token). */
  config: KioskConfig;
  /** Lines for the start-up log (how to drive the simulators). */
  notes: string[];
  close(): Promise<void>;
}

export type StartDemo<D extends DemoComposition = DemoComposition> = (config: KioskConfig, options: DemoOptions) => Promise<D>;

export class DemoUnavailableError extends Error {
  override readonly name = 'DemoUnavailableError';
}

/** Loads startDemo from the first candidate file that exists (the shell names where it may be). */
export async function loadDemoModule(candidates: string[], demoKeys: string[]): Promise<StartDemo> {
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) {
    throw new DemoUnavailableError(
      `${demoKeys.join(', ')} name a simulator (demo mode), but this installation has no demo composition (looked for ${candidates.join(', ')}): ` +
        'name the real devices and the central API\'s https:// URL (README "Demo and production configuration")',
    );
  }
  const module = (await import(pathToFileURL(file).href)) as { startDemo?: unknown; default?: { startDemo?: unknown } };
  const startDemo = module.startDemo ?? module.default?.startDemo;
  if (typeof startDemo !== 'function') throw new DemoUnavailableError(`${file} does not export startDemo: rebuild it (npm run build)`);
  return startDemo as StartDemo;
}
