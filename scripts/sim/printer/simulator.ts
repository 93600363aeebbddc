/**
 * The printer simulator's endpoints: a real PTY (socat) the driver opens like a
 * USB-serial printer, and/or a raw TCP listener (port 0 → a free port; 9100 on request).
 * Serial input is paced to the baud rate so timings match a real line.
 */
import net from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SerialPort } from '../../../native/serial/serial-port.js';
import { openPtyPair, type PtyPair } from '../pty-pair.js';
import { handleControlWith, makeControls, type PrinterControlCommand, type PrinterControlResult, type PrinterSimulatorControls } from './controls.js';
import { PrinterModel } from './printer-model.js';

export interface PrinterSimulatorOptions {
  paper?: 58 | 80;
  /** Open a PTY pair (default true). */
  pty?: boolean;
  /** Baud rate the PTY input is paced to (default 115200); 0 = no pacing. */
  baud?: number;
  /** Also listen on TCP: true → 127.0.0.1 on a free port; or { host, port } (9100 for a real-looking printer). */
  tcp?: boolean | { host?: string; port?: number };
  /** Where ticket PNGs and transcripts go (default: a fresh temp dir); null = don't render. */
  outputDir?: string | null;
}

export interface PrinterSimulator {
  /** The PTY end a driver opens (empty when pty: false). */
  devicePath: string;
  /** The TCP endpoint, when tcp was asked for. */
  tcp?: { host: string; port: number };
  outputDir: string | null;
  controls: PrinterSimulatorControls;
  /** Validates `command` at run time too (it may come from JSON); typed so callers spell commands right. */
  handleControl(command: PrinterControlCommand): PrinterControlResult;
  close(): Promise<void>;
}

/** Delays each chunk until its last byte would have arrived on a `baud` line. */
function paced(baud: number, deliver: (chunk: Uint8Array) => void): (chunk: Uint8Array) => void {
  if (baud <= 0) return deliver;
  let lineFreeAt = 0;
  return (chunk) => {
    const now = performance.now();
    lineFreeAt = Math.max(now, lineFreeAt) + (chunk.length * 10 * 1000) / baud;
    const delay = lineFreeAt - now;
    if (delay < 1) deliver(chunk);
    else setTimeout(() => deliver(chunk), delay);
  };
}

async function openPtyEnd(model: PrinterModel, baud: number): Promise<{ pair: PtyPair; port: SerialPort }> {
  const pair = await openPtyPair('printer');
  const port = new SerialPort({ path: pair.simulatorPath, baudRate: baud > 0 ? baud : 115200, autoOpen: false });
  try {
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  } catch (err) {
    await pair.close();
    throw err;
  }
  const receive = model.connection((bytes) => port.write(Buffer.from(bytes)));
  port.on('data', paced(baud, receive));
  port.on('error', () => undefined);
  return { pair, port };
}

async function listenTcp(model: PrinterModel, host: string, port: number): Promise<{ server: net.Server; sockets: Set<net.Socket>; port: number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const receive = model.connection((bytes) => {
      if (!socket.destroyed) socket.write(bytes);
    });
    socket.on('data', (chunk) => receive(new Uint8Array(chunk)));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return { server, sockets, port: typeof address === 'object' && address ? address.port : port };
}

export async function startPrinterSimulator(options: PrinterSimulatorOptions = {}): Promise<PrinterSimulator> {
  const outputDir = options.outputDir === undefined ? mkdtempSync(path.join(tmpdir(), 'printer-sim-')) : options.outputDir;
  const model = new PrinterModel({ paper: options.paper ?? 80, outputDir });
  const baud = options.baud ?? 115200;
  const pty = options.pty === false ? null : await openPtyEnd(model, baud);
  let tcp: Awaited<ReturnType<typeof listenTcp>> | null = null;
  let tcpHost = '127.0.0.1';
  if (options.tcp) {
    const wanted = options.tcp === true ? {} : options.tcp;
    tcpHost = wanted.host ?? '127.0.0.1';
    try {
      tcp = await listenTcp(model, tcpHost, wanted.port ?? 0);
    } catch (err) {
      if (pty) {
        pty.port.close();
        await pty.pair.close();
      }
      throw new Error(`printer simulator cannot listen on ${tcpHost}:${wanted.port ?? 0} (${(err as Error).message}): pick another port`);
    }
  }
  const controls = makeControls(model);
  const simulator: PrinterSimulator = {
    devicePath: pty?.pair.devicePath ?? '',
    outputDir,
    controls,
    handleControl: (command) => handleControlWith(controls, command),
    async close() {
      if (tcp) {
        for (const socket of tcp.sockets) socket.destroy();
        await new Promise<void>((resolve) => tcp?.server.close(() => resolve()));
      }
      if (pty) {
        if (pty.port.isOpen) await new Promise<void>((resolve) => pty.port.close(() => resolve()));
        await pty.pair.close();
      }
      await model.settled();
    },
  };
  if (tcp) simulator.tcp = { host: tcpHost, port: tcp.port };
  return simulator;
}
