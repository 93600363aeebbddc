import { describe, expect, it } from 'vitest';
import { LpPrinterTransport } from '../../../native/printer/lp-transport.js';
import { SerialPrinterTransport } from '../../../native/printer/serial-transport.js';
import { TcpPrinterTransport } from '../../../native/printer/tcp-transport.js';
import type { PrinterSupervisorStatus } from '../../../native/printer/supervisor.js';
import { createPrinter, PrinterConfigError, printerDeviceStatus, printerTransportFor } from './printer.js';

describe('createPrinter', () => {
  it('picks the transport from the config', () => {
    const serial = printerTransportFor({ transport: 'serial', port: '/dev/ttyUSB0', baud: 9600, paper: 80 });
    expect(serial).toBeInstanceOf(SerialPrinterTransport);
    expect(serial).toMatchObject({ description: '/dev/ttyUSB0', baudRate: 9600 });
    const tcp = printerTransportFor({ transport: 'tcp', host: '10.0.0.5', port: 9100, paper: 58 });
    expect(tcp).toBeInstanceOf(TcpPrinterTransport);
    expect(tcp.description).toBe('tcp://10.0.0.5:9100');
    const lp = printerTransportFor({ transport: 'lp', path: '/dev/usb/lp0', paper: 80 }, { lpBidirectional: false });
    expect(lp).toBeInstanceOf(LpPrinterTransport);
    expect(lp.bidirectional).toBe(false);
  });

  it("uses the simulator's PTY for '@simulator' and says what is missing without it", () => {
    const config = { transport: 'serial', port: '@simulator', baud: 115200, paper: 58 } as const;
    expect(printerTransportFor(config, { simulatorDevicePath: '/tmp/pty/device' }).description).toBe('/tmp/pty/device');
    expect(() => createPrinter(config)).toThrow(PrinterConfigError);
    expect(() => createPrinter(config)).toThrow(/startPrinterSimulator/);
  });

  it('reports the configured paper width and starts as not yet connected', () => {
    const printer = createPrinter({ transport: 'tcp', host: '127.0.0.1', port: 9100, paper: 58 });
    expect(printer.paperWidth()).toBe(58);
    expect(printer.status()).toMatchObject({ device: 'printer', state: 'no-device', port: 'tcp://127.0.0.1:9100' });
  });
});

describe('printerDeviceStatus (the supervisor speaks its own states; the core maps them)', () => {
  const at = 5;
  const port = '/dev/ttyUSB0';
  it('maps each supervisor state to what the status bar shows', () => {
    const map = (state: PrinterSupervisorStatus['state'], problem?: PrinterSupervisorStatus['problem']) =>
      printerDeviceStatus({ state, message: 'm', port, at, ...(problem ? { problem } : {}) });
    expect(map('ready')).toEqual({ device: 'printer', state: 'ready', message: 'm', port, at });
    expect(map('write-only')).toMatchObject({ state: 'ready' });
    expect(map('not-started')).toMatchObject({ state: 'no-device', code: 'not-started' });
    expect(map('not-found')).toMatchObject({ state: 'no-device', code: 'not-found' });
    expect(map('offline')).toMatchObject({ state: 'no-device', code: 'offline' });
    expect(map('reconnecting', 'disconnected')).toMatchObject({ state: 'reconnecting', code: 'disconnected' });
    expect(map('fault', 'cover-open')).toMatchObject({ state: 'fault', code: 'cover-open' });
    expect(map('paper-near-end')).toMatchObject({ state: 'attention', code: 'paper-near-end' });
  });
});
