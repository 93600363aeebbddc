/**
 * A HID-POS scanner behind node-hid's handle, for tests: `scan(text)` sends the code as
 * scanned-data reports, `unplug()` fails the handle as node-hid does when the cable goes.
 */
import { EventEmitter } from 'node:events';
import type { HidHandle, HidOpener } from '../hid/hid-device.js';
import { hidPosReports } from './hid-pos.js';

export class InMemoryHidScanner extends EventEmitter implements HidHandle {
  closed = false;

  write(): number {
    throw new Error('the kiosk never writes to a HID-POS scanner');
  }
  close(): void {
    this.closed = true;
  }
  /** Sends a code as its reports; `upTo` stops after that many (a code cut short). */
  scan(text: string, upTo = Infinity): void {
    hidPosReports(new TextEncoder().encode(text)).slice(0, upTo).forEach((r) => this.emit('data', Buffer.from(r)));
  }
  report(bytes: Uint8Array): void {
    this.emit('data', Buffer.from(bytes));
  }
  unplug(): void {
    this.emit('error', new Error('could not read from HID device'));
  }
}

/** An opener that hands out scanners from a list, and fails while `plugged` is false. */
export function inMemoryHidOpener(): { opener: HidOpener; plugged: boolean; opened: InMemoryHidScanner[] } {
  const state = {
    plugged: true,
    opened: [] as InMemoryHidScanner[],
    opener: (() => {
      if (!state.plugged) return Promise.reject(new Error('no HID reader hid 0c2e:0b8f found: check the USB cable'));
      const scanner = new InMemoryHidScanner();
      state.opened.push(scanner);
      return Promise.resolve(scanner);
    }) as HidOpener,
  };
  return state;
}
