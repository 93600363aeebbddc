/**
 * One page's WebSocket on the bridge: core events pushed to it, its calls dispatched to the
 * core within a rate budget, and its liveness (the page's JavaScript answers pings; a page
 * silent for too long is hung and its socket is closed, which the window watchdog sees).
 * Nothing a page sends can throw out of here: bad frames, bad JSON, bad schemas and
 * failing calls are answered or logged.
 */
import type { WebSocket, RawData } from 'ws';
import { EVENT_NAMES } from '../common/contract.js';
import { dispatchCall, encodeEvent } from '../common/rpc.js';
import { parseClientMessage, type ServerMessage } from '../common/bridge-protocol.js';
import type { KioskCore } from '../core/kiosk-core.js';
import { CallRateLimit, type CallRateLimitOptions } from './call-rate-limit.js';

export interface PageConnectionOptions {
  core: KioskCore;
  secret: string;
  pingMs: number;
  unresponsiveMs: number;
  rateLimit: CallRateLimitOptions;
  log: (line: string) => void;
}

/** Refusals in a row after which a flooding page is disconnected (it reconnects calmly, or the watchdog restarts it). */
const FLOOD_REFUSALS = 500;

export function attachPage(ws: WebSocket, options: PageConnectionOptions): void {
  const { core, log } = options;
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  send({ t: 'welcome', secret: options.secret });
  const unsubscribe = EVENT_NAMES.map((event) =>
    core.events.on(event, (payload) => {
      // A malformed event is the core's bug: log it, never throw it back into the core's emit.
      try {
        send({ t: 'event', event, payload: encodeEvent(event, payload) });
      } catch (err) {
        log(`kiosk event ${event} not sent to the page: ${(err as Error).message}`);
      }
    }),
  );
  let lastAnswerAt = Date.now();
  let pings = 0;
  const liveness = setInterval(() => {
    if (Date.now() - lastAnswerAt > options.unresponsiveMs) {
      log(`kiosk page has not answered for ${Math.round(options.unresponsiveMs / 1000)} s: closing its connection`);
      ws.terminate();
      return;
    }
    send({ t: 'ping', n: ++pings });
  }, options.pingMs);
  ws.on('close', () => {
    clearInterval(liveness);
    unsubscribe.forEach((u) => u());
  });
  // Oversized or broken frames: ws closes the socket itself; without a listener the error would end the process.
  ws.on('error', (err) => log(`kiosk page connection error: ${err.message}`));

  const budget = new CallRateLimit(options.rateLimit);
  let refusedInARow = 0;
  const refuse = (id: number | null) => {
    if (++refusedInARow === FLOOD_REFUSALS) {
      log(`kiosk page sent ${FLOOD_REFUSALS} messages over its budget in a row: closing its connection`);
      ws.close(1008, 'over the call budget');
    }
    if (id !== null) send({ t: 'result', id, outcome: { ok: false, code: 'rate-limited', message: 'too many calls: slow down' } });
  };
  const onMessage = async (data: RawData, isBinary: boolean) => {
    lastAnswerAt = Date.now();
    const message = isBinary ? null : parseClientMessage(data.toString());
    if (!message) {
      if (!budget.tryStart()) return refuse(null);
      budget.finished();
      return send({ t: 'error', message: 'malformed message' });
    }
    if (message.t === 'pong') return;
    if (!budget.tryStart()) return refuse(message.id);
    refusedInARow = 0;
    try {
      const outcome = await dispatchCall(core, message.method, message.args);
      send({ t: 'result', id: message.id, outcome });
    } finally {
      budget.finished();
    }
  };
  ws.on('message', (data, isBinary) => {
    onMessage(data, isBinary).catch((err: unknown) => log(`kiosk page message failed: ${(err as Error).message}`));
  });
}
