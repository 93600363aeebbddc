/**
 * Starts a whole kiosk for an end-to-end test: by default a demo config (every device on
 * '@simulator', the embedded central API) composed as the shells do it, through the
 * demo composition (scripts/sim/demo.ts), plus the browser shell's bridge and the built
 * renderer. The test drives the page and the simulators
 * (`simulators.idcard.handleControl`, `simulators.printer.controls`, `simulators.central.faults`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseKioskConfig, SIMULATOR, type KioskConfig } from '../../electron/common/config.js';
import type { ComposedKiosk } from '../../electron/core/compose.js';
import type { DemoOptions } from '../../electron/core/startup/demo-module.js';
import { composeFromConfig, type ComposeFromConfigOptions, type StartedKiosk } from '../../electron/core/startup/start-kiosk.js';
import { startBridgeServer, type BridgeOptions, type BridgeServer } from '../../electron/browser-shell/bridge-server.js';
import { startDemo, type RunningDemo } from '../../scripts/sim/demo.js';
import type { EmbeddedSimulators } from '../../scripts/sim/embedded.js';

export interface TestKiosk {
  kiosk: ComposedKiosk;
  simulators: EmbeddedSimulators;
  bridge: BridgeServer;
  config: KioskConfig;
  dataDir: string;
  close(): Promise<void>;
}

export type ConfigOverrides = Partial<Omit<KioskConfig, 'devices' | 'central' | 'session' | 'hall'>> & {
  devices?: Partial<KioskConfig['devices']>;
  central?: Partial<KioskConfig['central']>;
  session?: Partial<KioskConfig['session']>;
};

/** The simulated devices a demo config names, written out as kiosk.config.json does. */
export const SIMULATED_DEVICES = {
  idcard: { transport: 'serial', port: SIMULATOR, baud: 115200 },
  citizencard: { transport: 'serial', port: SIMULATOR, baud: 115200 },
  printer: { transport: 'serial', port: SIMULATOR, baud: 115200, paper: 80 },
  scanner: null,
} as const satisfies KioskConfig['devices'];

/** A demo config (simulators everywhere unless overridden) for a test kiosk in dataDir. */
export function testConfig(dataDir: string, overrides: ConfigOverrides = {}): KioskConfig {
  return parseKioskConfig({
    kioskId: 'TEST-K01',
    hall: { name: '测试市民之家', regionCode: '330102' },
    ...overrides,
    devices: { ...SIMULATED_DEVICES, ...overrides.devices },
    central: { url: 'embedded', ...overrides.central },
    session: { ...overrides.session },
    dataDir,
  });
}

export type TestComposeOptions = Partial<ComposeFromConfigOptions<RunningDemo>>;

/**
 * Composes a kiosk from any config as the shells do (the demo composition for a demo
 * config, the config's central endpoint otherwise), without the production start-up checks.
 */
export function composeTestKiosk(config: KioskConfig, options: TestComposeOptions = {}): Promise<StartedKiosk<RunningDemo>> {
  return composeFromConfig(config, { shell: 'browser', loadDemo: async () => startDemo, ...options });
}

export async function startTestKiosk(
  overrides: ConfigOverrides = {},
  options: Omit<TestComposeOptions, 'demo'> & DemoOptions = {},
  bridgeOptions: Pick<BridgeOptions, 'pingMs' | 'unresponsiveMs' | 'log'> = {},
): Promise<TestKiosk> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-e2e-data-'));
  const config = testConfig(dataDir, overrides);
  const { printerOutputDir, verificationDelayMs, ...compose } = options;
  const started = await composeTestKiosk(config, {
    heartbeatMs: 200,
    pollIntervalMs: 100,
    demo: { verificationDelayMs: verificationDelayMs ?? 2000, ...(printerOutputDir !== undefined ? { printerOutputDir } : {}) },
    ...compose,
  });
  const bridge = await startBridgeServer({ core: started.kiosk.core, staticDir: path.resolve('dist/renderer'), ...bridgeOptions });
  return {
    kiosk: started.kiosk,
    simulators: started.demo?.simulators ?? {},
    bridge,
    config,
    dataDir,
    async close() {
      await bridge.close();
      await started.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
