import { describe, expect, it } from 'vitest';
import { inMemoryHidOpener } from '../../../native/scanner/in-memory-hid-scanner.js';
import { createScanner, toDeviceStatus } from './scanner.js';

const hidConfig = { transport: 'hid', vendorId: 0x0c2e, productId: 0x0b8f, repeatIgnoreMs: 3000 } as const;

describe('createScanner', () => {
  it('reports the scanner in the status bar convention and passes each scan on', async () => {
    const hid = inMemoryHidOpener();
    const scanner = createScanner(hidConfig, { hidOpener: hid.opener });
    expect(scanner.status()).toMatchObject({ device: 'scanner', state: 'disabled', port: 'hid 0c2e:0b8f' });
    const ready = new Promise((resolve) => scanner.onStatus((s) => s.state === 'ready' && resolve(s)));
    const scans: string[] = [];
    scanner.onScan((s) => scans.push(s.text));
    await scanner.start();
    expect(await ready).toMatchObject({ device: 'scanner', state: 'ready' });
    hid.opened[0]!.scan('ZLB:abc');
    hid.opened[0]!.scan('ZLB:abc');
    expect(scans).toEqual(['ZLB:abc']);
    await scanner.stop();
  });

  it('logs what was dropped without the text', async () => {
    const hid = inMemoryHidOpener();
    const lines: string[] = [];
    const scanner = createScanner(hidConfig, { hidOpener: hid.opener, log: (l) => lines.push(l) });
    await scanner.start();
    await new Promise((r) => setTimeout(r, 0));
    const report = new Uint8Array(64);
    report.set([0x02, 5, 0x5d, 0x51, 0x31, 0x53, 0x00, 0x43, 0x52, 0x45]); // "S\0CRE": a control byte
    hid.opened[0]!.report(report);
    expect(lines.join('\n')).toMatch(/dropped 5 bytes \(garbage\)/);
    expect(lines.join('\n')).not.toMatch(/CRE/);
    await scanner.stop();
  });

  it('refuses @simulator without the simulator PTY path, saying how to get one', () => {
    expect(() => createScanner({ transport: 'serial', port: '@simulator', baud: 115200, terminator: 'cr', repeatIgnoreMs: 3000 })).toThrow(/startScannerSimulator/);
  });

  it('maps each driver state to what the status bar shows', () => {
    const base = { message: 'm', port: '/dev/ttyACM0' };
    expect(toDeviceStatus({ ...base, state: 'ready' }, 'p', 5)).toEqual({ device: 'scanner', state: 'ready', message: 'm', port: '/dev/ttyACM0', at: 5 });
    expect(toDeviceStatus({ ...base, state: 'reconnecting' }, 'p', 5)).toMatchObject({ state: 'reconnecting', code: 'lost' });
    expect(toDeviceStatus({ ...base, state: 'no-device' }, 'p', 5)).toMatchObject({ state: 'no-device', code: 'not-found' });
    expect(toDeviceStatus({ ...base, state: 'stopped' }, 'p', 5)).toMatchObject({ state: 'disabled' });
  });
});
