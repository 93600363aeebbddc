/**
 * The kiosk's printer: adapts the native ESC/POS supervisor to the core's PrinterDevice.
 * The core never starts a simulator: a caller that does (scripts/sim/printer
 * `startPrinterSimulator`) passes its PTY as the port, or as `simulatorDevicePath`.
 */
import { SIMULATOR, type PrinterConfig } from '../../common/config.js';
import type { DeviceStatus } from '../../common/device-status.js';
import { LpPrinterTransport } from '../../../native/printer/lp-transport.js';
import { SerialPrinterTransport } from '../../../native/printer/serial-transport.js';
import { PrinterSupervisor, type PrinterSupervisorOptions } from '../../../native/printer/supervisor.js';
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

export function createPrinter(config: PrinterConfig, options: CreatePrinterOptions = {}): PrinterDevice {
  const supervisor = new PrinterSupervisor(printerTransportFor(config, options), options);
  return {
    start: () => supervisor.start(),
    stop: () => supervisor.stop(),
    status: (): DeviceStatus => supervisor.status(),
    onStatus: (listener) => supervisor.onStatus(listener),
    paperWidth: () => config.paper,
    async print(bytes: Uint8Array): Promise<PrintOutcome> {
      const result = await supervisor.print(bytes);
      return result.ok ? { ok: true, nearEnd: result.nearEnd } : { ok: false, failure: result.failure, message: result.message };
    },
  };
}
