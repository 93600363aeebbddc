import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from '../common/contract.js';
import { channel } from '../common/rpc.js';
import type { PreloadBridge } from '../common/preload-api.js';

/** The part of ipcRenderer the preload uses (typed so the bridge is unit-testable). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function buildPreloadBridge(ipc: IpcRendererLike): PreloadBridge {
  const invoke = {} as PreloadBridge['invoke'];
  for (const method of METHOD_NAMES) {
    invoke[method as MethodName] = (...args: unknown[]) => ipc.invoke(channel.method(method), ...args);
  }
  const on = {} as PreloadBridge['on'];
  for (const event of EVENT_NAMES) {
    on[event as EventName] = (listener) => {
      // Wrap so the page never receives the IpcRendererEvent (it carries `sender`).
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel.event(event), wrapped);
      return () => void ipc.removeListener(channel.event(event), wrapped);
    };
  }
  return { invoke, on };
}
