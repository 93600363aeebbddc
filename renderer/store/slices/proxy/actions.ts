import type { SliceCreator } from '../../types.js';
import { callForSession } from '../../call.js';

/** 代办: the state lives in the session view (principals, activePrincipal, proxyMode); these are its events. */
export interface ProxyActions {
  /** The agent chose 代办: the core now takes principals' cards. */
  proxyStarted(): Promise<void>;
  /** Act for principal i, or for the agent again (null). */
  principalChosen(index: number | null): Promise<void>;
  /** The agent stopped swiping principals' cards (their data stays apart until the session ends). */
  proxyStopped(): Promise<void>;
}

export const createProxySlice: SliceCreator<ProxyActions> = (set, get, client) => ({
  proxyStarted: async () => {
    if (get().session?.proxyMode) return get().navigate('proxy');
    const result = await callForSession(get, set, 'setProxyMode', (sessionId) => client.setProxyMode(true, sessionId));
    if (!result) return;
    get().sessionChanged(result.value);
    get().navigate('proxy');
  },
  principalChosen: async (index) => {
    const result = await callForSession(get, set, 'selectPrincipal', (sessionId) => client.selectPrincipal(index, sessionId));
    if (!result) return;
    // Whatever was being filled in belonged to the previous person.
    set({ draft: null, matterId: null });
    get().sessionChanged(result.value);
    get().navigate('citizen-home');
  },
  proxyStopped: async () => {
    const result = await callForSession(get, set, 'setProxyMode', (sessionId) => client.setProxyMode(false, sessionId));
    if (result) get().sessionChanged(result.value);
  },
});
