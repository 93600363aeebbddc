/**
 * Plugging a simulated serial device in and out at a stable path: a fresh PTY pair, the
 * simulator's end opened as a serial port, and the driver's end linked at `stablePath`
 * (as udev links a re-enumerated USB-serial adapter). Used by the ID-card reader and the
 * code scanner simulators.
 */
import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SerialPort } from '../../native/serial/serial-port.js';
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

/**
 * A simulator's end of a line that can be plugged in and out: a stable device path in a
 * folder of its own, and while plugged in, a fresh PTY pair linked there and its
 * simulator end open as `port`.
 */
export class PluggablePty {
  /** Stable path for the driver; points at the current PTY while plugged in. */
  readonly devicePath: string;
  private readonly dir: string;
  private pair: PtyPair | undefined;
  private current: SerialPort | undefined;

  /** `name` names the PTY and the folder (`<name>-sim-…`); `deviceName` the link in it. */
  constructor(
    private readonly name: string,
    deviceName: string,
  ) {
    this.dir = mkdtempSync(path.join(tmpdir(), `${name}-sim-`));
    this.devicePath = path.join(this.dir, deviceName);
  }

  /** The simulator's open port while plugged in. */
  get port(): SerialPort | undefined {
    return this.current;
  }

  /** Plugs a fresh PTY in (nothing while plugged in); `attach` adds the simulator's listeners before the driver can open it. */
  async plug(attach: (port: SerialPort) => void = () => undefined): Promise<void> {
    if (this.current) return;
    await plugPty(this.name, this.devicePath, (pair, port) => {
      attach(port);
      this.pair = pair;
      this.current = port;
    });
  }

  async unplug(): Promise<void> {
    const port = this.current;
    const pair = this.pair;
    this.current = undefined;
    this.pair = undefined;
    await unplugPty(this.devicePath, port, pair);
  }

  /** Removes the folder (after unplug). */
  removeFolder(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
