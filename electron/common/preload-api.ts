/**
 * The shape of what the Electron preload exposes on `window.kioskBridge`: a named
 * function per contract method and per event, nothing else (never ipcRenderer).
 */
import type { EventName, MethodName } from './contract.js';

export interface PreloadBridge {
  /** Resolves to the core's CallOutcome ({ok, value} or {ok:false, code, message}). */
  invoke: Record<MethodName, (...args: unknown[]) => Promise<unknown>>;
  on: Record<EventName, (listener: (payload: unknown) => void) => () => void>;
}

export const PRELOAD_GLOBAL = 'kioskBridge';
