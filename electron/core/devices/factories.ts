/**
 * How the composition root builds a device from its config entry. The shells pass
 * `hardwareDevices` (the real drivers; in demo mode they open the simulators' PTYs,
 * whose paths the demo composition wrote into the config); a test may pass its own.
 */
import type { CitizenCardReaderConfig, IdCardReaderConfig, PrinterConfig, ScannerConfig } from '../../common/config.js';
import { createCitizenCardReader, type CitizenCardReaderOptions } from './citizencard.js';
import { createIdCardReader, type IdCardReaderOptions } from './idcard.js';
import { createPrinter } from './printer.js';
import { createScanner, type ScannerOptions } from './scanner.js';
import type { CardReaderDevice, PrinterDevice, ScannerDevice } from './types.js';

export interface DeviceFactories {
  idcard(config: IdCardReaderConfig, options: IdCardReaderOptions): CardReaderDevice;
  citizencard(config: CitizenCardReaderConfig, options: CitizenCardReaderOptions): CardReaderDevice;
  printer(config: PrinterConfig): PrinterDevice;
  scanner(config: ScannerConfig, options: ScannerOptions): ScannerDevice;
}

export const hardwareDevices: DeviceFactories = {
  idcard: (config, options) => createIdCardReader(config, options),
  citizencard: (config, options) => createCitizenCardReader(config, options),
  printer: (config) => createPrinter(config),
  scanner: (config, options) => createScanner(config, options),
};
