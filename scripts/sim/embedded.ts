/**
 * Demo mode: starts the simulators a config names ('@simulator' ports, central url
 * 'embedded') and returns the config with their real addresses. Reached through the
 * demo composition (demo.ts), never from the kiosk core.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EMBEDDED_CENTRAL, SIMULATOR, type KioskConfig } from '../../electron/common/config.js';
import { startIdCardSimulator, type RunningIdCardSimulator } from './idcard/index.js';
import { startCitizenCardSimulator, type CitizenCardSimulator } from './citizencard/index.js';
import { startPrinterSimulator, type PrinterSimulator } from './printer/index.js';
import { startScannerSimulator, type RunningScannerSimulator } from './scanner/index.js';
import { centralTokenIssuer } from './scanner/central-tokens.js';
import type { IdentityTokenIssuer } from './scanner/control.js';
import { startCentralSimulator, type CentralSimulator } from './central/server.js';
import { startControlServer } from './control-server.js';

export interface EmbeddedSimulators {
  idcard?: RunningIdCardSimulator;
  citizencard?: CitizenCardSimulator;
  printer?: PrinterSimulator;
  scanner?: RunningScannerSimulator;
  central?: CentralSimulator;
}

/** A token the embedded central simulator accepts (any 8+ character token is, without a token map). */
export const EMBEDDED_CENTRAL_TOKEN = 'embedded-dev-token';

export async function startEmbeddedSimulators(
  config: KioskConfig,
  options: { printerOutputDir?: string | null; verificationDelayMs?: number } = {},
): Promise<{ config: KioskConfig; simulators: EmbeddedSimulators; close(): Promise<void> }> {
  const simulators: EmbeddedSimulators = {};
  const resolved: KioskConfig = structuredClone(config);
  let control: { close(): Promise<void> } | null = null;
  const close = async () => {
    await control?.close();
    await Promise.allSettled(Object.values(simulators).map((s: { close(): Promise<void> }) => s.close()));
  };
  try {
    const { idcard, citizencard, printer, scanner } = resolved.devices;
    // The devices and the central start side by side (each waits on its own socat or
    // listening socket); every one that started is recorded before a failure is thrown,
    // so close() stops it.
    const starts: Array<Promise<void>> = [];
    const embeddedCentral = resolved.central.url === EMBEDDED_CENTRAL;
    if (idcard?.transport === 'serial' && idcard.port === SIMULATOR) {
      starts.push(startIdCardSimulator().then((sim) => {
        simulators.idcard = sim;
        idcard.port = sim.devicePath;
      }));
    }
    if (citizencard?.transport === 'serial' && citizencard.port === SIMULATOR) {
      starts.push(startCitizenCardSimulator().then((sim) => {
        simulators.citizencard = sim;
        citizencard.port = sim.devicePath;
      }));
    }
    if (printer?.transport === 'serial' && printer.port === SIMULATOR) {
      starts.push(startPrinterSimulator({
        paper: printer.paper,
        // A real 115200 line: the kiosk must cope with a printer slower than its CPU.
        baud: printer.baud,
        outputDir: options.printerOutputDir === undefined ? path.join(config.dataDir, 'printer-sim') : options.printerOutputDir,
      }).then((sim) => {
        simulators.printer = sim;
        printer.port = sim.devicePath;
      }));
    }
    if (embeddedCentral) {
      starts.push(startCentralSimulator({
        dataDir: path.join(config.dataDir, 'central-sim'),
        verificationDelayMs: options.verificationDelayMs ?? 60_000,
      }).then((sim) => {
        simulators.central = sim;
        resolved.central.url = sim.url;
        resolved.central.token ??= EMBEDDED_CENTRAL_TOKEN;
        // The embedded simulator speaks plain http on loopback: client certificates are for a real central.
        delete resolved.central.tls;
      }));
    }
    if (scanner?.transport === 'serial' && scanner.port === SIMULATOR) {
      // Codes are issued by the central simulator when a scan asks for one, after the start.
      const issueToken: IdentityTokenIssuer = (kind, citizen) => {
        const central = simulators.central;
        if (!central) return Promise.reject(new Error('no central simulator runs here to issue a code: pass a token as the value to scan one anyway'));
        return centralTokenIssuer(central.url, central.adminToken)(kind, citizen);
      };
      starts.push(startScannerSimulator({ terminator: scanner.terminator, paceBaud: scanner.baud }, {
        codeOptions: { trackingBaseUrl: resolved.hall.trackingUrl, kioskId: resolved.kioskId },
        ...(embeddedCentral && { issueToken }),
      }).then((sim) => {
        simulators.scanner = sim;
        scanner.port = sim.devicePath;
      }));
    }
    const failed = (await Promise.allSettled(starts)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    mkdirSync(config.dataDir, { recursive: true });
    control = await startControlServer(simulators, config.dataDir);
  } catch (err) {
    await close();
    throw err;
  }
  return { config: resolved, simulators, close };
}
