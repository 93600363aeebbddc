/**
 * The browser shell's transport: the kiosk API over the loopback WebSocket. The token
 * comes in the page's URL fragment; calls made while disconnected wait for the socket.
 */
import type { ClientTransport } from '../../electron/common/rpc.js';
import { KioskCallError } from '../../electron/common/rpc.js';
import type { ServerMessage } from '../../electron/common/bridge-protocol.js';
import type { EventName, MethodName } from '../../electron/common/contract.js';

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export function createWebSocketTransport(url: string): ClientTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      for (const message of queue.splice(0)) ws.send(message);
    };
    ws.onmessage = (msg) => {
      const data = JSON.parse(String(msg.data)) as ServerMessage;
      if (data.t === 'ping') {
        // Answered from the page's own thread: a hung page stops answering and the shell restarts it.
        ws.send(JSON.stringify({ t: 'pong', n: data.n }));
      } else if (data.t === 'event') {
        for (const l of listeners.get(data.event) ?? []) l(data.payload);
      } else if (data.t === 'result') {
        const p = pending.get(data.id);
        if (!p) return;
        pending.delete(data.id);
        if (data.outcome.ok) p.resolve(data.outcome.value);
        else p.reject(new KioskCallError(p.method, data.outcome.code, data.outcome.message));
      } else {
        console.error('kiosk bridge:', data.message);
      }
    };
    ws.onclose = () => {
      socket = null;
      // The core restarts (watchdog) or the bridge is briefly gone: keep trying, calmly.
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    invoke(method: MethodName, args: unknown[]) {
      const id = nextId++;
      const message = JSON.stringify({ t: 'call', id, method, args });
      return new Promise((resolve, reject) => {
        pending.set(id, { method, resolve, reject });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

/** ws://127.0.0.1:port/api?token=… from the page's own location. */
export function bridgeUrlFromLocation(location: Location): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return null;
  const ws = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${ws}//${location.host}/api?token=${encodeURIComponent(token)}`;
}
