/** The renderer store without React: events in, screens out, the client called by actions. */
import { describe, expect, it, vi } from 'vitest';
import { createKioskUiStore, connectStore } from './index.js';
import { selectCanIdentify, selectOnline } from './slices/devices/selectors.js';
import { selectCitizen } from './slices/session/selectors.js';
import { selectIdleSeconds } from './slices/ui/selectors.js';
import type { KioskClient } from '../../electron/common/rpc.js';
import type { SessionView } from '../../electron/common/contract.js';

const session: SessionView = {
  sessionId: 's1',
  startedAt: 1,
  idleDeadlineAt: 90_001,
  source: 'idcard',
  faceVerified: false,
  citizen: { displayName: '张*', maskedIdNumber: '330***********123X', cardType: 'resident', age: 40, elderly: false, idNumberValid: true },
  principals: [],
  activePrincipal: null,
  proxyMode: false,
};

function fakeClient() {
  const listeners: Record<string, (p: unknown) => void> = {};
  const on = (name: string) => (l: (p: unknown) => void) => {
    listeners[name] = l;
    return () => delete listeners[name];
  };
  const client = {
    getKioskInfo: vi.fn(async () => ({ kioskId: 'K1', hallName: '大厅', locale: 'zh-CN', shell: 'browser', idleSeconds: 60, elderlyIdleSeconds: 120, warningSeconds: 10, timeZone: 'Asia/Shanghai' })),
    getStatus: vi.fn(async () => ({
      devices: [{ device: 'idcard', state: 'ready', message: '', at: 1 }],
      sync: { online: false, pending: 3, oldestPendingAgeMs: 10, lastSuccessAt: null, quarantined: 0, acceptingWrites: true },
      session: null,
    })),
    endSession: vi.fn(async () => null),
    onDeviceStatus: on('deviceStatus'),
    onSyncStatus: on('syncStatus'),
    onSession: on('session'),
    onNotice: on('notice'),
  } as unknown as KioskClient;
  return { client, emit: (name: string, payload: unknown) => listeners[name]?.(payload) };
}

describe('kiosk store', () => {
  it('loads the initial state from the core', async () => {
    const { client } = fakeClient();
    const store = createKioskUiStore(client);
    await connectStore(store, client);
    expect(selectOnline(store.getState())).toBe(false);
    expect(selectCanIdentify(store.getState())).toBe(true);
    expect(selectIdleSeconds(store.getState())).toBe(60);
    store.getState().elderlyModeToggled();
    expect(selectIdleSeconds(store.getState())).toBe(120);
  });

  it('moves to the citizen home on identification and back on session end', async () => {
    const { client, emit } = fakeClient();
    const store = createKioskUiStore(client);
    await connectStore(store, client);
    store.getState().navigate('help');
    emit('session', session);
    expect(store.getState().screen).toBe('citizen-home');
    expect(selectCitizen(store.getState())?.maskedIdNumber).toBe('330***********123X');
    emit('session', null);
    expect(store.getState().screen).toBe('attract');
    expect(selectCitizen(store.getState())).toBeNull();
  });

  it('clears the citizen before the core confirms the end of the session', async () => {
    const { client, emit } = fakeClient();
    const store = createKioskUiStore(client);
    emit('session', session);
    store.getState().sessionChanged(session);
    const done = store.getState().sessionFinished('finished');
    expect(store.getState().session).toBeNull();
    expect(store.getState().screen).toBe('attract');
    await done;
    expect(client.endSession).toHaveBeenCalledWith('finished', 's1');
  });

  it('keeps device statuses by device', async () => {
    const { client, emit } = fakeClient();
    const store = createKioskUiStore(client);
    await connectStore(store, client);
    emit('deviceStatus', { device: 'idcard', state: 'reconnecting', message: '', at: 2 });
    expect(store.getState().devices.idcard?.state).toBe('reconnecting');
    expect(selectCanIdentify(store.getState())).toBe(false);
  });
});
