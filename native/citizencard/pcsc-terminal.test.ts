/**
 * PcscTerminal's own logic over a stand-in binding (the real pcscd path is in
 * test/e2e/citizencard-pcsc.test.ts): reader choice, attach/detach, pcscd loss, error mapping.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PcscTerminal, type PcscBinding, type PcscReader } from './pcsc-terminal.js';

const PRESENT = 0x20;

class FakeReader extends EventEmitter {
  SCARD_SHARE_EXCLUSIVE = 1;
  SCARD_PROTOCOL_T0 = 1;
  SCARD_PROTOCOL_T1 = 2;
  SCARD_STATE_PRESENT = PRESENT;
  SCARD_STATE_MUTE = 0x200;
  SCARD_LEAVE_CARD = 0;
  closed = false;
  connectError: Error | undefined;
  answer: Buffer = Buffer.from([0x90, 0x00]);
  constructor(readonly name: string) {
    super();
  }
  connect(_o: unknown, cb: (err: unknown, protocol: number) => void) {
    cb(this.connectError, 2);
  }
  disconnect(_d: number, cb: (err: unknown) => void) {
    cb(undefined);
  }
  transmit(_d: Buffer, _l: number, _p: number, cb: (err: unknown, r: Buffer) => void) {
    cb(undefined, this.answer);
  }
  close() {
    this.closed = true;
  }
}

class FakeContext extends EventEmitter {
  closed = false;
  close() {
    this.closed = true;
  }
}

describe('PcscTerminal', () => {
  let dir: string;
  let socketPath: string;
  let server: net.Server;
  let context: FakeContext;
  let readers: FakeReader[];
  const terminal = (reader?: string) =>
    new PcscTerminal({
      socketPath,
      readerWaitMs: 200,
      ...(reader ? { reader } : {}),
      load: async () => () => {
        context = new FakeContext();
        setImmediate(() => readers.forEach((r) => context.emit('reader', r as unknown as PcscReader)));
        return context as unknown as PcscBinding;
      },
    });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pcsc-unit-'));
    socketPath = path.join(dir, 'pcscd.comm');
    server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(socketPath, r));
    readers = [new FakeReader('ACS ACR39U 00 00'), new FakeReader('Virtual PCD 00 00')];
  });
  afterEach(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('says pcscd is not running when its socket does not answer, without loading the binding', async () => {
    await new Promise<void>((r) => server.close(() => r()));
    server = net.createServer();
    const t = new PcscTerminal({ socketPath, load: async () => { throw new Error('must not load'); } });
    await expect(t.open()).rejects.toMatchObject({ code: 'reader-unavailable', message: expect.stringMatching(/pcscd is not running/) });
  });

  it('picks the reader by name substring and follows its card state', async () => {
    const t = terminal('Virtual');
    await t.open();
    expect(t.location).toBe('Virtual PCD 00 00');
    expect(await t.presence()).toBe('absent');
    readers[1]!.emit('status', { state: PRESENT, atr: Buffer.from([0x3b, 0x00]) });
    expect(await t.presence()).toBe('present');
    const session = await t.connect();
    expect(session.protocol).toBe('T=1');
    expect(session.atr).toEqual(Uint8Array.of(0x3b, 0x00));
    await t.close();
    expect(readers.every((r) => r.closed)).toBe(true);
    expect(context.closed).toBe(true);
  });

  it('reports a missing reader with what to do', async () => {
    await expect(terminal('Gemalto').open()).rejects.toMatchObject({ code: 'reader-unavailable', message: expect.stringMatching(/no PC\/SC reader named like "Gemalto"/) });
  });

  it('becomes unavailable when the reader is unplugged or pcscd goes', async () => {
    const t = terminal();
    await t.open();
    expect(t.location).toBe('ACS ACR39U 00 00');
    readers[0]!.emit('end');
    await expect(t.presence()).rejects.toMatchObject({ code: 'reader-unavailable', message: expect.stringMatching(/unplugged/) });
    const u = terminal();
    await u.open();
    context.emit('error', new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'));
    await expect(u.presence()).rejects.toMatchObject({ message: expect.stringMatching(/lost pcscd/) });
  });

  it('maps PC/SC errors and empty answers to typed errors', async () => {
    const t = terminal();
    await t.open();
    readers[0]!.connectError = new Error('SCardConnect error: Sharing violation.(0x8010000B)');
    await expect(t.connect()).rejects.toMatchObject({ code: 'reader-error', message: expect.stringMatching(/another program/) });
    readers[0]!.connectError = new Error('SCardConnect error: Card is unresponsive.(0x80100066)');
    await expect(t.connect()).rejects.toMatchObject({ code: 'read-failed' });
    readers[0]!.connectError = new Error('SCardConnect error: No smart card inserted.(0x8010000C)');
    await expect(t.connect()).rejects.toMatchObject({ code: 'card-removed' });
    readers[0]!.connectError = undefined;
    readers[0]!.answer = Buffer.alloc(0);
    const session = await t.connect();
    await expect(session.transmit(Uint8Array.of(0, 0xa4, 4, 0))).rejects.toMatchObject({ code: 'card-removed' });
  });
});
