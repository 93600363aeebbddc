/**
 * Transport-independent RPC over the kiosk contract: one generic client proxy for the
 * renderer and one dispatcher for the core side. Transports (Electron IPC, loopback
 * WebSocket, in-memory pairs in tests) only move `unknown` values; this file validates.
 */
import {
  kioskContract,
  METHOD_NAMES,
  EVENT_NAMES,
  type EventName,
  type EventPayload,
  type KioskApi,
  type MethodName,
} from './contract.js';

/** Channel names, derived from the contract keys (the only place they are built). */
export const channel = {
  method: (name: MethodName) => `kiosk:call:${name}`,
  event: (name: EventName) => `kiosk:event:${name}`,
} as const;

export interface ClientTransport {
  invoke(method: MethodName, args: unknown[]): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export type EventListeners = {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => () => void;
};
export type KioskClient = KioskApi & EventListeners;

/** Thrown in the renderer when the core answered with an error. */
export class KioskCallError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KioskCallError';
  }
}

export const eventListenerName = (event: EventName) =>
  `on${event[0]!.toUpperCase()}${event.slice(1)}` as keyof EventListeners;

/** The renderer's one client: a method per contract method, an `onX` per event. */
export function createKioskClient(transport: ClientTransport): KioskClient {
  const client: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    const schema = kioskContract.methods[name];
    client[name] = async (...args: unknown[]) => schema.result.parse(await transport.invoke(name, args));
  }
  for (const event of EVENT_NAMES) {
    const schema = kioskContract.events[event];
    client[eventListenerName(event)] = (listener: (payload: unknown) => void) =>
      transport.subscribe(event, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data);
        else console.error(`kiosk: dropped malformed ${event} event`, parsed.error.issues);
      });
  }
  return client as KioskClient;
}

export type CallOutcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

/**
 * The core side of a call: validates the method name and arguments, runs it, and turns
 * every failure into a plain {ok:false} (a stack trace never crosses to the page).
 */
export async function dispatchCall(api: KioskApi, method: unknown, args: unknown): Promise<CallOutcome> {
  if (typeof method !== 'string' || !(METHOD_NAMES as string[]).includes(method)) {
    return { ok: false, code: 'unknown-method', message: `unknown kiosk method: ${String(method)}` };
  }
  const name = method as MethodName;
  const parsed = kioskContract.methods[name].args.safeParse(args);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; ');
    return { ok: false, code: 'invalid-arguments', message: `${name}: ${detail}` };
  }
  try {
    const fn = api[name] as (...a: unknown[]) => Promise<unknown>;
    const value = await fn.apply(api, parsed.data as unknown[]);
    return { ok: true, value };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return {
      ok: false,
      code: typeof code === 'string' ? code : 'internal-error',
      message: err instanceof Error ? err.message : String(err),
    };
  }
}

/** Validates an event payload on the core side before it is sent to any window. */
export function encodeEvent<E extends EventName>(event: E, payload: EventPayload<E>): unknown {
  return kioskContract.events[event].parse(payload);
}
