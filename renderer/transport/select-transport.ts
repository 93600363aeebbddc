/** Picks the transport: Electron's preload bridge when present, else the loopback WebSocket. */
import { KioskCallError, type CallOutcome, type ClientTransport } from '../../electron/common/rpc.js';
import { PRELOAD_GLOBAL, type PreloadBridge } from '../../electron/common/preload-api.js';
import { bridgeAddressFromLocation, createWebSocketTransport } from './websocket-transport.js';

export function preloadTransport(bridge: PreloadBridge): ClientTransport {
  return {
    invoke: async (method, args) => {
      // The preload returns the core's outcome as data: errors cross contextBridge without their codes.
      const outcome = (await bridge.invoke[method](...args)) as CallOutcome;
      if (outcome.ok) return outcome.value;
      throw new KioskCallError(method, outcome.code, outcome.message);
    },
    subscribe: (event, listener) => bridge.on[event](listener),
  };
}

export function selectTransport(win: Window): { transport: ClientTransport; kind: 'electron' | 'websocket' } {
  const bridge = (win as unknown as Record<string, PreloadBridge | undefined>)[PRELOAD_GLOBAL];
  if (bridge) return { transport: preloadTransport(bridge), kind: 'electron' };
  const address = bridgeAddressFromLocation(win.location);
  if (!address) throw new Error('no kiosk bridge: open the address printed by the kiosk (it carries a single-use token)');
  // The token is used up by the first connection: out of the address bar and the history.
  win.history?.replaceState(null, '', win.location.pathname + win.location.search);
  return { transport: createWebSocketTransport(address), kind: 'websocket' };
}
