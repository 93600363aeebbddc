/**
 * The browser shell's transport: the kiosk API over the loopback WebSocket. The page's URL
 * fragment carries a single-use launch token; the bridge answers the first connection with
 * a session secret, kept in memory only, that later reconnects present.
 *
 * A call goes out only on an open socket and only once: when the socket closes, every call
 * still waiting for its answer rejects with TransportClosedError, and a call made while
 * disconnected rejects at once. Nothing is queued and replayed after a reconnect, where it
 * could run in the next citizen's session. Only the page's very first calls, made while its
 * first socket opens, wait for it (for a bounded time): no session of this page can have
 * changed before it ever reached the core.
 */
import type { ClientTransport } from '../../electron/common/rpc.js';
import { KioskCallError } from '../../electron/common/rpc.js';
import { TransportClosedError } from '../../electron/common/transport-errors.js';
import type { ServerMessage } from '../../electron/common/bridge-protocol.js';
import type { EventName, MethodName } from '../../electron/common/contract.js';

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export interface BridgeAddress {
  /** ws://host:port/api */
  apiUrl: string;
  /** The single-use token from the page's URL fragment. */
  launchToken: string;
}

/** The smallest WebSocket this transport needs (the page's own; a fake in tests). */
export type WebSocketFactory = (url: string) => WebSocket;

/** WebSocket.OPEN, spelled out: the factory's sockets need not come with the global class. */
const OPEN = 1;
/** How long the page's first calls wait for its first connection. */
export const FIRST_CONNECTION_WAIT_MS = 15_000;

/** The transport, plus word of each reconnection (the store then reads the core's state again). */
export interface WebSocketTransport extends ClientTransport {
  onReconnected(listener: () => void): () => void;
}

export function createWebSocketTransport(address: BridgeAddress, open: WebSocketFactory = (url) => new WebSocket(url)): WebSocketTransport {
  const reconnected = new Set<() => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  let secret: string | null = null;
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;
  let everOpened = false;
  /** Calls made before the first socket opened: sent when it opens, rejected if it does not in time. */
  const beforeFirstOpen: Array<{ send: () => void; fail: () => void }> = [];
  const firstOpenTimer = setTimeout(() => {
    for (const call of beforeFirstOpen.splice(0)) call.fail();
  }, FIRST_CONNECTION_WAIT_MS);

  const credential = () =>
    secret ? `secret=${encodeURIComponent(secret)}` : `token=${encodeURIComponent(address.launchToken)}`;

  const handle = (ws: WebSocket, data: ServerMessage) => {
    if (data.t === 'ping') {
      // Answered from the page's own thread: a hung page stops answering and the shell restarts it.
      ws.send(JSON.stringify({ t: 'pong', n: data.n }));
    } else if (data.t === 'welcome') {
      secret = data.secret;
    } else if (data.t === 'event') {
      for (const l of listeners.get(data.event) ?? []) l(data.payload);
    } else if (data.t === 'result') {
      const p = pending.get(data.id);
      if (!p) return;
      pending.delete(data.id);
      if (data.outcome.ok) p.resolve(data.outcome.value);
      else p.reject(new KioskCallError(p.method, data.outcome.code, data.outcome.message));
    } else if (data.t === 'error') {
      console.error('kiosk bridge:', data.message);
    }
  };

  const connect = () => {
    const ws = open(`${address.apiUrl}?${credential()}`);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      if (everOpened) {
        // Events sent while the page was away are lost: its store reads the core's state afresh.
        for (const l of reconnected) l();
        return;
      }
      everOpened = true;
      clearTimeout(firstOpenTimer);
      for (const call of beforeFirstOpen.splice(0)) call.send();
    };
    ws.onmessage = (msg) => {
      let data: ServerMessage;
      try {
        data = JSON.parse(String(msg.data)) as ServerMessage;
      } catch {
        console.error('kiosk bridge: a message that is not JSON');
        return;
      }
      handle(ws, data);
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      // Their answers can no longer come: each waiting call fails plainly, none is sent again.
      const failed = [...pending.values()];
      pending.clear();
      for (const p of failed) p.reject(new TransportClosedError(p.method));
      // The core restarts (systemd) or the bridge dropped us: keep trying, calmly.
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    invoke(method: MethodName, args: unknown[]) {
      const send = (resolve: (value: unknown) => void, reject: (err: Error) => void) => {
        const ws = socket;
        if (ws?.readyState !== OPEN) return reject(new TransportClosedError(method));
        const id = nextId++;
        pending.set(id, { method, resolve, reject });
        ws.send(JSON.stringify({ t: 'call', id, method, args }));
      };
      return new Promise((resolve, reject) => {
        if (everOpened) return send(resolve, reject);
        beforeFirstOpen.push({ send: () => send(resolve, reject), fail: () => reject(new TransportClosedError(method)) });
      });
    },
    onReconnected(listener: () => void) {
      reconnected.add(listener);
      return () => reconnected.delete(listener);
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

/** ws://127.0.0.1:port/api and the launch token, from the page's own location. */
export function bridgeAddressFromLocation(location: Location): BridgeAddress | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return null;
  const ws = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { apiUrl: `${ws}//${location.host}/api`, launchToken: token };
}
