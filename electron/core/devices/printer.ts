/**
 * The kiosk's printer: adapts the native ESC/POS supervisor to the core's PrinterDevice,
 * and its own states to the status bar's DeviceStatus (the one convention for drivers).
 * The core never starts a simulator: a caller that does (scripts/sim/printer
 * `startPrinterSimulator`) passes its PTY as the port, or as `simulatorDevicePath`.
 */
import { SIMULATOR, type PrinterConfig } from '../../common/config.js';
import type { DeviceStatus } from '../../common/device-status.js';
import { LpPrinterTransport } from '../../../native/printer/lp-transport.js';
import { SerialPrinterTransport } from '../../../native/printer/serial-transport.js';
import { PrinterSupervisor, type PrinterSupervisorOptions, type PrinterSupervisorStatus } from '../../../native/printer/supervisor.js';
import { TcpPrinterTransport } from '../../../native/printer/tcp-transport.js';
import type { PrinterTransport } from '../../../native/printer/transport.js';
import type { PrinterDevice, PrintOutcome } from './types.js';

export interface CreatePrinterOptions extends PrinterSupervisorOptions {
  /** The simulator's PTY end; required when config.port is '@simulator'. */
  simulatorDevicePath?: string;
  /** For `lp`: whether the printer answers status through the device file (default true). */
  lpBidirectional?: boolean;
}

export class PrinterConfigError extends Error {
  override name = 'PrinterConfigError';
}

export function printerTransportFor(config: PrinterConfig, options: CreatePrinterOptions = {}): PrinterTransport {
  switch (config.transport) {
    case 'serial': {
      if (config.port !== SIMULATOR) return new SerialPrinterTransport(config.port, config.baud);
      if (!options.simulatorDevicePath) {
        throw new PrinterConfigError("printer port '@simulator' needs the simulator's PTY: start it with startPrinterSimulator() and pass simulatorDevicePath");
      }
      return new SerialPrinterTransport(options.simulatorDevicePath, config.baud);
    }
    case 'lp':
      return new LpPrinterTransport(config.path, { bidirectional: options.lpBidirectional ?? true });
    case 'tcp':
      return new TcpPrinterTransport(config.host, config.port);
  }
}

/** The supervisor's state as the status bar and the maintenance screen show it. */
export function printerDeviceStatus(s: PrinterSupervisorStatus): DeviceStatus {
  const base = { device: 'printer' as const, message: s.message, port: s.port, at: s.at };
  switch (s.state) {
    case 'ready':
    case 'write-only':
      return { ...base, state: 'ready' };
    case 'not-started':
    case 'not-found':
    case 'offline':
      return { ...base, state: 'no-device', code: s.state };
    case 'reconnecting':
      return { ...base, state: 'reconnecting', code: s.problem ?? 'disconnected' };
    case 'fault':
      return { ...base, state: 'fault', code: s.problem ?? 'error' };
    case 'paper-near-end':
      return { ...base, state: 'attention', code: 'paper-near-end' };
  }
}

export function createPrinter(config: PrinterConfig, options: CreatePrinterOptions = {}): PrinterDevice {
  const supervisor = new PrinterSupervisor(printerTransportFor(config, options), options);
  return {
    start: () => supervisor.start(),
    stop: () => supervisor.stop(),
    status: (): DeviceStatus => printerDeviceStatus(supervisor.status()),
    onStatus: (listener) => supervisor.onStatus((s) => listener(printerDeviceStatus(s))),
    paperWidth: () => config.paper,
    async print(bytes: Uint8Array): Promise<PrintOutcome> {
      const result = await supervisor.print(bytes);
      return result.ok ? { ok: true, nearEnd: result.nearEnd } : { ok: false, failure: result.failure, message: result.message };
    },
  };
}
