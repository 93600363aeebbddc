/**
 * A call to the core on behalf of the citizen now at the kiosk. While it runs, `pending`
 * names it (buttons wait); its answer is dropped if the session ended or changed meanwhile,
 * and a failure becomes a plain-words problem on screen, never a stack trace.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { MethodName } from '../../electron/common/contract.js';
import type { KioskState } from './types.js';
import { selectSessionId } from './slices/session/selectors.js';

type Get = StoreApi<KioskState>['getState'];
type Set = StoreApi<KioskState>['setState'];

/** `call` gets the session id to send with it: the core refuses the call once that session is over. */
export async function callForSession<T>(get: Get, set: Set, method: MethodName, call: (sessionId: string) => Promise<T>): Promise<{ value: T } | null> {
  const sessionId = selectSessionId(get());
  if (!sessionId) return null;
  set({ pending: method, problem: null });
  try {
    const value = await call(sessionId);
    if (selectSessionId(get()) !== sessionId) return null;
    set({ pending: null });
    return { value };
  } catch (error) {
    if (selectSessionId(get()) !== sessionId) return null;
    set({ pending: null });
    get().callFailed(method, error);
    return null;
  }
}
