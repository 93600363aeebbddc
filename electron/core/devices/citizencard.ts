/**
 * The citizen / social-security card reader as the core sees it: a CardReaderDevice
 * built from the kiosk config (PC/SC or a serial framed reader) over native/citizencard,
 * the driver's own states mapped to the status bar's DeviceStatus here.
 */
import { SIMULATOR, type CitizenCardReaderConfig } from '../../common/config.js';
import type { CardReadEvent } from '../../common/identity.js';
import type { DeviceStatus } from '../../common/device-status.js';
import { CitizenCardDriver, type CitizenCardDriverOptions, type CitizenCardDriverStatus } from '../../../native/citizencard/driver.js';
import type { CitizenCardError } from '../../../native/citizencard/errors.js';
import type { FrameCodec } from '../../../native/citizencard/frame-codec.js';
import { PcscTerminal } from '../../../native/citizencard/pcsc-terminal.js';
import { FramedTerminal, SerialTerminal, type FramedTerminalOptions } from '../../../native/citizencard/framed-terminal.js';
import { HidLink } from '../../../native/citizencard/hid-link.js';
import type { HidOpener } from '../../../native/hid/hid-device.js';
import type { CardTerminal } from '../../../native/citizencard/terminal.js';
import type { CardReaderDevice, Unsubscribe } from './types.js';

export interface CitizenCardReaderOptions extends CitizenCardDriverOptions {
  /** Required when config.port is '@simulator': the PTY path from startCitizenCardSimulator(). */
  simulatorDevicePath?: string;
  /** Serial readers: the vendor frame format (default: STX/ETX, native/citizencard/README.md). */
  codec?: FrameCodec;
  /** Serial readers: how long one frame may wait for its reply. */
  replyTimeoutMs?: number;
  /** PC/SC: pcscd's socket when not the default /run/pcscd/pcscd.comm. */
  pcscSocketPath?: string;
  /** HID framed readers: replaces node-hid (tests, or a vendor binding). */
  hidOpener?: HidOpener;
}

/** CardReaderDevice plus what only a citizen card has: a card that could not be used. */
export interface CitizenCardReaderDevice extends CardReaderDevice {
  /** Wrong card, locked, unsupported version, unreadable: `error.citizenMessage` is for the screen. */
  onCardError(listener: (error: CitizenCardError) => void): Unsubscribe;
}

export function createCitizenCardTerminal(config: CitizenCardReaderConfig, options: CitizenCardReaderOptions = {}): CardTerminal {
  if (config.transport === 'pcsc') {
    const pcsc: ConstructorParameters<typeof PcscTerminal>[0] = {};
    if (config.reader) pcsc.reader = config.reader;
    if (options.pcscSocketPath) pcsc.socketPath = options.pcscSocketPath;
    return new PcscTerminal(pcsc);
  }
  const framing: FramedTerminalOptions = {};
  if (options.codec) framing.codec = options.codec;
  if (options.replyTimeoutMs) framing.replyTimeoutMs = options.replyTimeoutMs;
  if (config.transport === 'hid') {
    const target = { vendorId: config.vendorId, productId: config.productId, ...(config.path ? { path: config.path } : {}) };
    return new FramedTerminal(new HidLink(target, options.hidOpener), framing);
  }
  let path = config.port;
  if (path === SIMULATOR) {
    if (!options.simulatorDevicePath) {
      throw new Error("citizen-card reader port is '@simulator': start it with startCitizenCardSimulator() (scripts/sim/citizencard) and pass its devicePath as simulatorDevicePath");
    }
    path = options.simulatorDevicePath;
  }
  return new SerialTerminal({ path, baudRate: config.baud, ...framing });
}

/** The driver's state as the status bar and the maintenance screen show it. */
export function citizenCardDeviceStatus(s: CitizenCardDriverStatus): DeviceStatus {
  const base = { device: 'citizencard' as const, message: s.message, port: s.port, at: s.at };
  switch (s.state) {
    case 'ready':
      return { ...base, state: 'ready' };
    case 'not-started':
      return { ...base, state: 'no-device', code: 'not-started' };
    case 'no-reader':
      return { ...base, state: 'no-device', code: s.reason ?? 'reader-unavailable' };
    case 'reconnecting':
      return { ...base, state: 'reconnecting', code: s.reason ?? 'reader-unavailable' };
    case 'reader-fault':
      return { ...base, state: 'fault', code: s.reason ?? 'reader-error' };
  }
}

export function createCitizenCardReader(config: CitizenCardReaderConfig, options: CitizenCardReaderOptions = {}): CitizenCardReaderDevice {
  const driver = new CitizenCardDriver(createCitizenCardTerminal(config, options), options);
  return {
    start: () => driver.start(),
    stop: () => driver.stop(),
    status: () => citizenCardDeviceStatus(driver.status()),
    onStatus: (listener) => driver.on('status', (s) => listener(citizenCardDeviceStatus(s))),
    onCard: (listener: (event: CardReadEvent) => void) => driver.on('card', (event) => listener(event)),
    onCardRemoved: (listener) => driver.on('cardRemoved', listener),
    onCardError: (listener) => driver.on('cardError', listener),
  };
}
