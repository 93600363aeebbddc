/**
 * A code scanner whose scans are handed to it in-process: for tests of the core's code
 * desk. The scanner driver itself is tested through its simulator on a PTY.
 */
import { TypedEmitter } from '../../electron/common/emitter.js';
import type { DeviceStatus } from '../../electron/common/device-status.js';
import type { Scan } from '../../electron/common/scan-codes.js';
import type { ScannerDevice } from '../../electron/core/devices/types.js';

export class InjectedScanner implements ScannerDevice {
  private readonly events = new TypedEmitter<{ scan: Scan; status: DeviceStatus }>();
  private current: DeviceStatus = { device: 'scanner', state: 'no-device', message: 'not started', at: Date.now() };

  async start(): Promise<void> {
    this.current = { device: 'scanner', state: 'ready', message: 'injected scanner ready', at: Date.now() };
    this.events.emit('status', this.current);
  }
  async stop(): Promise<void> {}
  status(): DeviceStatus {
    return this.current;
  }
  onStatus(listener: (s: DeviceStatus) => void) {
    return this.events.on('status', listener);
  }
  onScan(listener: (scan: Scan) => void) {
    return this.events.on('scan', listener);
  }

  scan(text: string): void {
    this.events.emit('scan', { text, at: Date.now() });
  }
}
