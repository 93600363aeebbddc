/** The page's WebSocket transport against a fake socket: nothing hangs on a close, nothing is replayed. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebSocketTransport, FIRST_CONNECTION_WAIT_MS } from './websocket-transport.js';
import { TransportClosedError } from '../../electron/common/transport-errors.js';
import { KioskCallError } from '../../electron/common/rpc.js';

class FakeSocket {
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  onopen: (() => void) | null = null;
  onmessage: ((msg: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(text: string) {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }
  opened() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  closed() {
    this.readyState = 3;
    this.onclose?.();
  }
}

describe('WebSocket transport', () => {
  let sockets: FakeSocket[];
  const start = () =>
    createWebSocketTransport({ apiUrl: 'ws://127.0.0.1:5000/api', launchToken: 'launch-1' }, (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s as unknown as WebSocket;
    });

  beforeEach(() => {
    sockets = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('rejects the calls in flight with TransportClosedError when the socket closes', async () => {
    const transport = start();
    sockets[0]!.opened();
    const call = transport.invoke('takeTicket', [{}]);
    expect(sockets[0]!.sent).toEqual([{ t: 'call', id: 1, method: 'takeTicket', args: [{}] }]);
    sockets[0]!.closed();
    await expect(call).rejects.toBeInstanceOf(TransportClosedError);
    await expect(call).rejects.toMatchObject({ code: 'transport-closed', method: 'takeTicket' });
  });

  it('rejects a call made while disconnected at once, and never sends it after the reconnect', async () => {
    const transport = start();
    sockets[0]!.opened();
    sockets[0]!.closed();
    const meanwhile = transport.invoke('submitEvaluation', [{}]);
    await expect(meanwhile).rejects.toBeInstanceOf(TransportClosedError);
    await vi.advanceTimersByTimeAsync(300);
    expect(sockets).toHaveLength(2);
    sockets[1]!.opened();
    expect(sockets[1]!.sent).toEqual([]);
  });

  it("sends the page's first calls once its first socket opens, and fails them if it never does", async () => {
    const transport = start();
    const early = transport.invoke('getKioskInfo', []);
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.opened();
    expect(sockets[0]!.sent).toEqual([{ t: 'call', id: 1, method: 'getKioskInfo', args: [] }]);
    sockets[0]!.receive({ t: 'result', id: 1, outcome: { ok: true, value: 'info' } });
    await expect(early).resolves.toBe('info');

    const never = start();
    const stuck = never.invoke('getStatus', []);
    sockets[1]!.closed(); // the bridge refused it
    const rejected = expect(stuck).rejects.toBeInstanceOf(TransportClosedError);
    await vi.advanceTimersByTimeAsync(FIRST_CONNECTION_WAIT_MS);
    await rejected;
    await vi.advanceTimersByTimeAsync(5000);
    for (const s of sockets.slice(2)) s.opened();
    expect(sockets.slice(1).flatMap((s) => s.sent)).toEqual([]);
  });

  it('presents the launch token first, then the session secret the bridge gave it', async () => {
    const transport = start();
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:5000/api?token=launch-1');
    sockets[0]!.opened();
    sockets[0]!.receive({ t: 'welcome', secret: 's/ecret' });
    sockets[0]!.closed();
    await vi.advanceTimersByTimeAsync(300);
    expect(sockets[1]!.url).toBe('ws://127.0.0.1:5000/api?secret=s%2Fecret');
    sockets[1]!.opened();
    const call = transport.invoke('getStatus', []);
    sockets[1]!.receive({ t: 'result', id: 1, outcome: { ok: false, code: 'rate-limited', message: 'slow down' } });
    await expect(call).rejects.toBeInstanceOf(KioskCallError);
    await expect(call).rejects.toMatchObject({ code: 'rate-limited' });
  });

  it('answers pings and ignores a message that is not JSON', () => {
    start();
    sockets[0]!.opened();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    sockets[0]!.onmessage?.({ data: 'garbage' });
    sockets[0]!.receive({ t: 'ping', n: 3 });
    expect(sockets[0]!.sent).toEqual([{ t: 'pong', n: 3 }]);
  });

  it('tells its listeners of each reconnection, not of the first connection', () => {
    const transport = start();
    const heard = vi.fn();
    transport.onReconnected(heard);
    sockets[0]!.opened();
    expect(heard).not.toHaveBeenCalled();
    sockets[0]!.closed();
    vi.advanceTimersByTime(250);
    sockets[1]!.opened();
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
