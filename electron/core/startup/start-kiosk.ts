/**
 * The start-up both shells share: check the config (a production config fails closed),
 * in demo mode have the demo composition start the simulators the config names, open
 * the central endpoint, compose the core, and say what started in the same lines.
 */
import { simulatedKeys, type KioskConfig } from '../../common/config.js';
import { composeKiosk, type ComposedKiosk, type ComposeOptions } from '../compose.js';
import { hardwareDevices, type DeviceFactories } from '../devices/factories.js';
import { openCentralEndpoint } from '../sync/central-endpoint.js';
import type { DemoComposition, DemoOptions, StartDemo } from './demo-module.js';
import { preflight } from './preflight.js';
import { StartupRefusedError, type StartupReport } from './startup-checks.js';

export interface ComposeFromConfigOptions<D extends DemoComposition> extends Omit<ComposeOptions, 'central' | 'deviceFactories'> {
  /** Called only for a demo config: the shell loads scripts/sim/demo (demo-module.ts), a test imports it. */
  loadDemo(demoKeys: string[]): Promise<StartDemo<D>>;
  demo?: DemoOptions;
  /** Default: the real drivers. */
  deviceFactories?: DeviceFactories;
  env?: NodeJS.ProcessEnv;
}

export interface StartedKiosk<D extends DemoComposition> {
  kiosk: ComposedKiosk;
  /** The running demo composition (its simulators), null for a production config. */
  demo: D | null;
  /** The keys of the config as written that named a simulator (simulatedKeys). */
  simulated: string[];
  close(): Promise<void>;
}

/** Composes a kiosk from a config as it is written (simulators named or not), without the start-up checks. */
export async function composeFromConfig<D extends DemoComposition>(config: KioskConfig, options: ComposeFromConfigOptions<D>): Promise<StartedKiosk<D>> {
  const { loadDemo, demo: demoOptions, deviceFactories, env, ...composeOptions } = options;
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    let demo: D | null = null;
    let resolved = config;
    const simulated = simulatedKeys(config);
    if (simulated.length > 0) {
      const startDemo = await loadDemo(simulated);
      demo = await startDemo(config, demoOptions ?? {});
      closers.push(() => demo!.close());
      resolved = demo.config;
    }
    const central = openCentralEndpoint(resolved, env);
    closers.push(central.close);
    const kiosk = await composeKiosk(resolved, { ...composeOptions, central: central.endpoint, deviceFactories: deviceFactories ?? hardwareDevices });
    closers.push(kiosk.close);
    return { kiosk, demo, simulated, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The start-up checks alone; throws StartupRefusedError naming every refusal. */
export async function checkKioskStart(config: KioskConfig, source: string, env?: NodeJS.ProcessEnv): Promise<StartupReport> {
  const report = await preflight(config, env);
  if (report.refusals.length > 0) throw new StartupRefusedError(source, report.refusals);
  return report;
}

/** What a shell runs: the start-up checks, then the kiosk; throws StartupRefusedError naming every refusal. */
export async function startKiosk<D extends DemoComposition>(
  config: KioskConfig,
  source: string,
  options: ComposeFromConfigOptions<D>,
): Promise<StartedKiosk<D> & { report: StartupReport }> {
  const report = await checkKioskStart(config, source, options.env);
  return { ...(await composeFromConfig(config, options)), report };
}

/** The start-up log, the same in both shells. */
export function startupLines(source: string, started: StartedKiosk<DemoComposition> & { report: StartupReport }): string[] {
  const { config, centralUrl } = started.kiosk;
  return [
    `kiosk ${config.kioskId} (${config.hall.name}) from ${source}, ${started.report.mode} mode`,
    `central API: ${centralUrl}${started.simulated.includes('central.url') ? ' (embedded simulator)' : ''}`,
    `maintenance screen: ${config.maintenance.pinHash ? 'hold the kiosk label 3 s' : 'off (no maintenance.pinHash in the config)'}`,
    ...(started.demo?.notes ?? []),
    ...started.report.warnings.map((warning) => `WARNING: ${warning}`),
  ];
}

/**
 * Errors that are the config's fault and say what to do: the shells print their message
 * alone. Known by name, as the demo bundle has its own copies of these classes.
 */
export function isStartupRefusal(err: unknown): err is Error {
  return err instanceof Error && ['ConfigError', 'StartupRefusedError', 'DemoUnavailableError', 'CentralTlsError', 'FleetTlsError'].includes(err.name);
}
