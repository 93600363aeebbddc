/**
 * The core's 2D barcode scanner: adapts the native/scanner driver to `ScannerDevice`
 * and its states to `DeviceStatus`. With port '@simulator' the caller starts the
 * simulator (scripts/sim/scanner `startScannerSimulator()`) and passes its devicePath
 * here as `{...config, port: devicePath}`. The scanned text may carry an identity token:
 * this adapter logs only its kind and length (scan-codes.ts describeCode).
 */
import { SIMULATOR, type ScannerConfig } from '../../common/config.js';
import type { DeviceStatus } from '../../common/device-status.js';
import type { Scan } from '../../common/scan-codes.js';
import { hidName, type HidOpener } from '../../../native/hid/hid-device.js';
import { ScannerDriver, type ScannerDriverOptions, type ScannerDriverStatus } from '../../../native/scanner/driver.js';
import { HidPosScannerTransport } from '../../../native/scanner/hid-pos-transport.js';
import { SerialScannerTransport } from '../../../native/scanner/serial-transport.js';
import type { ScannerTransport } from '../../../native/scanner/transport.js';
import { superviseDriver, toDriverDeviceStatus } from './driver-status.js';
import type { ScannerDevice, Unsubscribe } from './types.js';

export interface ScannerOptions extends Omit<ScannerDriverOptions, 'transport' | 'repeatIgnoreMs'> {
  /** Replaces node-hid (tests, or a vendor binding). */
  hidOpener?: HidOpener;
  /** Diagnostics (dropped bytes and why, reconnect reasons); never the code's text. */
  log?: (line: string) => void;
}

export function scannerTransportFactory(config: ScannerConfig, hidOpener?: HidOpener): () => ScannerTransport {
  if (config.transport === 'serial') return () => new SerialScannerTransport({ path: config.port, baud: config.baud, terminator: config.terminator });
  const target = { vendorId: config.vendorId, productId: config.productId, ...(config.path ? { path: config.path } : {}) };
  return () => new HidPosScannerTransport(target, hidOpener);
}

/** The scanner's own state beside the base ones (driver-status.ts). */
const SCANNER_STATES = {
  'no-device': { state: 'no-device', code: 'not-found' },
} as const;

export function toDeviceStatus(s: ScannerDriverStatus, port: string, at = Date.now()): DeviceStatus {
  return toDriverDeviceStatus('scanner', s, SCANNER_STATES, port, at);
}

export class ScannerConfigError extends Error {
  override name = 'ScannerConfigError';
}

export function createScanner(config: ScannerConfig, options: ScannerOptions = {}): ScannerDevice {
  if (config.transport === 'serial' && config.port === SIMULATOR) {
    throw new ScannerConfigError(`devices.scanner names '${SIMULATOR}': start scripts/sim/scanner startScannerSimulator() and pass its devicePath as the port`);
  }
  const { hidOpener, log, ...driverOptions } = options;
  const port = config.transport === 'serial' ? config.port : hidName(config);
  const driver = new ScannerDriver({ ...driverOptions, repeatIgnoreMs: config.repeatIgnoreMs, transport: scannerTransportFactory(config, hidOpener) });
  const supervisor = superviseDriver<ScannerDriverStatus>(driver, (s) => toDeviceStatus(s, port));
  if (log) {
    driver.on('discard', (d) => log(`code scanner dropped ${d.bytes} bytes (${d.reason}): ${d.detail}`));
    driver.on('status', (s) => log(`code scanner ${s.state}: ${s.message}`));
  }
  return {
    ...supervisor,
    onScan(listener: (scan: Scan) => void): Unsubscribe {
      return driver.on('scan', (s) => listener({ text: s.text, at: s.at }));
    },
  };
}
