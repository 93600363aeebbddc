/**
 * The framed citizen-card reader behind a USB HID bridge, in memory (there is no virtual
 * HID here): the same reader logic as the PTY simulator, answering through 64-byte
 * reports exactly as hid-link.ts expects them. `opener` stands in for node-hid.
 */
import { EventEmitter } from 'node:events';
import { HID_REPORT_SIZE, hidReportBytes } from '../../../native/citizencard/hid-link.js';
import type { HidHandle, HidOpener } from '../../../native/hid/hid-device.js';
import { SerialCardReaderSim } from './serial-reader.js';
import { createControls, type CitizenCardControls } from './controls.js';

export interface InMemoryHidCardReader {
  opener: HidOpener;
  controls: CitizenCardControls;
  /** Every output report the host wrote, as node-hid received it (report id first). */
  written: number[][];
}

/** Input reports as the device sends them: [count, bytes…, zero padding], no report id. */
function inputReports(bytes: Uint8Array): Buffer[] {
  const reports: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += HID_REPORT_SIZE - 1) {
    const chunk = bytes.subarray(at, at + HID_REPORT_SIZE - 1);
    const report = Buffer.alloc(HID_REPORT_SIZE);
    report[0] = chunk.length;
    report.set(chunk, 1);
    reports.push(report);
  }
  return reports;
}

export function createInMemoryHidCardReader(): InMemoryHidCardReader {
  const reader = new SerialCardReaderSim();
  const written: number[][] = [];
  let plugged = true;
  let current: (EventEmitter & HidHandle) | null = null;

  const open = (): HidHandle => {
    const events = new EventEmitter();
    let alive = true;
    const receive = reader.connect((bytes) => {
      for (const report of inputReports(new Uint8Array(bytes))) setImmediate(() => alive && events.emit('data', report));
    });
    const handle = Object.assign(events, {
      write(values: number[]): number {
        if (!alive || !plugged) throw new Error('could not write to HID device');
        if (values[0] !== 0x00 || values.length !== HID_REPORT_SIZE + 1) throw new Error(`bad output report of ${values.length} bytes`);
        written.push(values);
        receive(hidReportBytes(Uint8Array.from(values.slice(1))));
        return values.length;
      },
      close() {
        alive = false;
      },
    }) as EventEmitter & HidHandle;
    current = handle;
    return handle;
  };

  const controls = createControls({
    insert: (card, options) => reader.insert(card, options),
    remove: () => reader.remove(),
    inserted: () => reader.inserted(),
    plugged: () => plugged,
    mute: () => reader.mute(),
    unmute: () => reader.unmute(),
    async unplug() {
      plugged = false;
      current?.emit('error', new Error('device disconnected'));
    },
    async replug() {
      plugged = true;
    },
  });

  return {
    opener: async () => {
      if (!plugged) throw new Error('no HID reader found');
      return open();
    },
    controls,
    written,
  };
}
