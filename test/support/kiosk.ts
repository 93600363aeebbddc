/**
 * Starts a whole kiosk for an end-to-end test: the core composed from a config with the
 * simulators behind '@simulator' ports and the embedded central API, the browser
 * shell's bridge and the built renderer. The test drives the page and the simulators
 * (`simulators.idcard.handleControl`, `simulators.printer.controls`, `simulators.central.faults`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseKioskConfig, type KioskConfig } from '../../electron/common/config.js';
import { composeKiosk, type ComposedKiosk, type ComposeOptions } from '../../electron/core/compose.js';
import { startBridgeServer, type BridgeOptions, type BridgeServer } from '../../electron/browser-shell/bridge-server.js';
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

export function testConfig(dataDir: string, overrides: ConfigOverrides = {}): KioskConfig {
  return parseKioskConfig({
    kioskId: 'TEST-K01',
    hall: { name: '测试市民之家', regionCode: '330102' },
    ...overrides,
    devices: { ...overrides.devices },
    central: { url: 'embedded', ...overrides.central },
    session: { ...overrides.session },
    dataDir,
  });
}

export async function startTestKiosk(
  overrides: ConfigOverrides = {},
  options: Partial<ComposeOptions> = {},
  bridgeOptions: Pick<BridgeOptions, 'pingMs' | 'unresponsiveMs' | 'log'> = {},
): Promise<TestKiosk> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-e2e-data-'));
  const config = testConfig(dataDir, overrides);
  const kiosk = await composeKiosk(config, {
    shell: 'browser',
    heartbeatMs: 200,
    pollIntervalMs: 100,
    verificationDelayMs: 2000,
    ...options,
  });
  const bridge = await startBridgeServer({ core: kiosk.core, staticDir: path.resolve('dist/renderer'), ...bridgeOptions });
  return {
    kiosk,
    simulators: kiosk.simulators,
    bridge,
    config,
    dataDir,
    async close() {
      await bridge.close();
      await kiosk.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
