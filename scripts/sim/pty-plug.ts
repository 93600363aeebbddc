/**
 * Plugging a simulated serial device in and out at a stable path: a fresh PTY pair, the
 * simulator's end opened as a serial port, and the driver's end linked at `stablePath`
 * (as udev links a re-enumerated USB-serial adapter). Used by the ID-card reader and the
 * code scanner simulators.
 */
import { symlinkSync, unlinkSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from './pty-pair.js';

/**
 * Opens a new PTY pair named `name` and its simulator end at 115200 baud, hands both to
 * `attach` (the simulator keeps them and adds its listeners), then links the driver's end
 * at `stablePath`: last, so a driver never opens a half-made device.
 */
export async function plugPty(name: string, stablePath: string, attach: (pair: PtyPair, port: SerialPort) => void): Promise<void> {
  const pair = await openPtyPair(name);
  const port = new SerialPort({ path: pair.simulatorPath, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  port.on('error', () => undefined); // the driver side vanishing is not our error
  attach(pair, port);
  symlinkSync(pair.devicePath, stablePath);
}

/** Removes the link at `stablePath`, closes the simulator's port and the PTY pair (each if there). */
export async function unplugPty(stablePath: string, port: SerialPort | undefined, pair: PtyPair | undefined): Promise<void> {
  try {
    unlinkSync(stablePath);
  } catch {
    // already gone
  }
  if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  await pair?.close();
}
