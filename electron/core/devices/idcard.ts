/**
 * The core's ID-card reader: adapts the native/idcard driver to `CardReaderDevice`
 * and its states to `DeviceStatus`. With port '@simulator' the caller starts the
 * simulator (scripts/sim/idcard `startIdCardSimulator()`) and passes its devicePath
 * here as `{...config, port: devicePath}`.
 */
import type { IdCardReaderConfig } from '../../common/config.js';
import type { DeviceStatus } from '../../common/device-status.js';
import type { CardReadEvent } from '../../common/identity.js';
import { IdCardDriver, type DriverStatus, type IdCardDriverOptions } from '../../../native/idcard/driver.js';
import { HidTransport, hidName, type HidOpener } from '../../../native/idcard/hid-transport.js';
import { wireTimeMs } from '../../../native/idcard/protocol.js';
import { SerialTransport, type SamTransport } from '../../../native/idcard/transport.js';
import { superviseDriver, toDriverDeviceStatus } from './driver-status.js';
import type { CardReaderDevice } from './types.js';

export interface IdCardReaderOptions extends Omit<IdCardDriverOptions, 'transport'> {
  /** Replaces node-hid (tests, or a vendor binding). */
  hidOpener?: HidOpener;
  /** Called for driver diagnostics (discarded bytes, retries, reconnect reasons). */
  log?: (line: string) => void;
}

export function idCardTransportFactory(config: IdCardReaderConfig, hidOpener?: HidOpener): () => SamTransport {
  if (config.transport === 'serial') return () => new SerialTransport({ path: config.port, baud: config.baud });
  const target = { vendorId: config.vendorId, productId: config.productId, ...(config.path ? { path: config.path } : {}) };
  return () => new HidTransport(target, hidOpener);
}

/**
 * The longest reply (text + photo + fingerprint, ~2.4 KB) takes 2.5 s at 9600 baud:
 * give it half as long again, and never less than 3 s.
 */
export function defaultReadTimeoutMs(config: IdCardReaderConfig): number {
  if (config.transport !== 'serial') return 3000;
  return Math.max(3000, Math.ceil(wireTimeMs(2400, config.baud) * 1.5));
}

function portOf(config: IdCardReaderConfig): string {
  return config.transport === 'serial' ? config.port : hidName(config);
}

/** The ID reader's own states beside the base ones (driver-status.ts). */
const ID_READER_STATES = {
  'sam-fault': { state: 'fault', code: 'sam-fault' },
  'no-device': { state: 'no-device', code: 'not-answering' },
} as const;

export function toDeviceStatus(s: DriverStatus, port: string, at = Date.now()): DeviceStatus {
  return toDriverDeviceStatus('idcard', s, ID_READER_STATES, port, at);
}

export function createIdCardReader(config: IdCardReaderConfig, options: IdCardReaderOptions = {}): CardReaderDevice {
  const { hidOpener, log, ...driverOptions } = options;
  const port = portOf(config);
  const driver = new IdCardDriver({
    readTimeoutMs: defaultReadTimeoutMs(config),
    ...driverOptions,
    transport: idCardTransportFactory(config, hidOpener),
  });
  const supervisor = superviseDriver<DriverStatus>(driver, (s) => toDeviceStatus(s, port));
  if (log) {
    driver.on('log', log);
    driver.on('readError', (m) => log(`card not read: ${m}`));
  }
  return {
    ...supervisor,
    onCard(listener: (event: CardReadEvent) => void) {
      return driver.on('card', (read) => listener({ source: 'idcard', identity: read.identity, photo: read.photo, readAt: read.readAt }));
    },
    onCardRemoved(listener: () => void) {
      return driver.on('removed', () => listener());
    },
    // A card on the reader that could not be read after the retries: the citizen is told to lay it flat again.
    onCardError(listener: (error: Error) => void) {
      return driver.on('readError', (message) => listener(new Error(message)));
    },
  };
}
