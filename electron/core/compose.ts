/**
 * The composition root shared by both shells: from a validated config it starts the
 * embedded central simulator and the device simulators where the config asks for
 * them, builds the devices and the sync link, and returns a started KioskCore.
 */
import type { KioskConfig } from '../common/config.js';
import type { KioskInfo } from '../common/contract.js';
import { KioskCore, type KioskDevices } from './kiosk-core.js';
import { CentralHeartbeat } from './central-heartbeat.js';

export interface ComposedKiosk {
  core: KioskCore;
  centralUrl: string;
  close(): Promise<void>;
}

export interface ComposeOptions {
  shell: KioskInfo['shell'];
  /** Heartbeat period; tests shorten it. */
  heartbeatMs?: number;
}

export async function composeKiosk(config: KioskConfig, options: ComposeOptions): Promise<ComposedKiosk> {
  const closers: Array<() => Promise<void>> = [];
  let centralUrl = config.central.url;
  if (centralUrl === 'embedded') {
    // Dev and demo mode: the simulator runs in this process (scripts/ is not shipped in a package).
    const { startCentralStub } = await import('../../scripts/sim/central-stub.js');
    const central = await startCentralStub();
    closers.push(central.close);
    centralUrl = central.url;
  }
  const devices: KioskDevices = {};
  const sync = new CentralHeartbeat({
    baseUrl: centralUrl,
    token: config.central.token ?? process.env.KIOSK_CENTRAL_TOKEN,
    timeoutMs: config.central.timeoutMs,
    ...(options.heartbeatMs ? { intervalMs: options.heartbeatMs } : {}),
  });
  const core = new KioskCore({ config, shell: options.shell, devices, sync });
  await core.start();
  return {
    core,
    centralUrl,
    async close() {
      await core.stop();
      for (const close of closers.reverse()) await close();
    },
  };
}
