import { describe, expect, it, vi } from 'vitest';
import { createKioskClient, dispatchCall, KioskCallError, type ClientTransport } from './rpc.js';
import type { KioskApi } from './contract.js';
import { TypedEmitter } from './emitter.js';

const status = {
  devices: [],
  sync: { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true },
  session: null,
  service: { inService: true, reason: 'open', message: null, opensAt: null, closesAt: null, dailyRestartAt: null },
};

function fakeApi(): KioskApi {
  return {
    getKioskInfo: vi.fn(),
    getStatus: vi.fn(async () => status),
    endSession: vi.fn(async () => null),
  } as unknown as KioskApi;
}

/** An in-memory transport pair: the client side calls dispatchCall directly, as the bridges do. */
function memoryTransport(api: KioskApi, events: TypedEmitter<Record<string, unknown>>): ClientTransport {
  return {
    async invoke(method, args) {
      const outcome = await dispatchCall(api, method, args);
      if (outcome.ok) return outcome.value;
      throw new KioskCallError(method, outcome.code, outcome.message);
    },
    subscribe: (event, listener) => events.on(event, listener),
  };
}

describe('kiosk RPC', () => {
  it('calls a method through the generic client and validates the result', async () => {
    const api = fakeApi();
    const client = createKioskClient(memoryTransport(api, new TypedEmitter()));
    await expect(client.getStatus()).resolves.toEqual(status);
    await client.endSession('finished');
    expect(api.endSession).toHaveBeenCalledWith('finished');
  });

  it('refuses invalid arguments before the core sees them', async () => {
    const api = fakeApi();
    const outcome = await dispatchCall(api, 'endSession', ['because']);
    expect(outcome).toMatchObject({ ok: false, code: 'invalid-arguments' });
    expect(api.endSession).not.toHaveBeenCalled();
    expect(await dispatchCall(api, 'endSession', 'not-an-array')).toMatchObject({ ok: false, code: 'invalid-arguments' });
  });

  it('refuses unknown methods, including prototype names', async () => {
    expect(await dispatchCall(fakeApi(), 'constructor', [])).toMatchObject({ ok: false, code: 'unknown-method' });
    expect(await dispatchCall(fakeApi(), 42, [])).toMatchObject({ ok: false, code: 'unknown-method' });
  });

  it('turns a core exception into a coded outcome without a stack', async () => {
    const api = fakeApi();
    (api.getStatus as ReturnType<typeof vi.fn>).mockRejectedValue(Object.assign(new Error('disk full'), { code: 'store-full' }));
    const outcome = await dispatchCall(api, 'getStatus', []);
    expect(outcome).toEqual({ ok: false, code: 'store-full', message: 'disk full' });
  });

  it('rejects a malformed result on the client side', async () => {
    const api = fakeApi();
    (api.getStatus as ReturnType<typeof vi.fn>).mockResolvedValue({ devices: 'nope' });
    const client = createKioskClient(memoryTransport(api, new TypedEmitter()));
    await expect(client.getStatus()).rejects.toThrow();
  });

  it('delivers valid events and drops malformed ones', async () => {
    const events = new TypedEmitter<Record<string, unknown>>();
    const client = createKioskClient(memoryTransport(fakeApi(), events));
    const received: unknown[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const off = client.onDeviceStatus((s) => received.push(s));
    const good = { device: 'printer', state: 'ready', message: 'ok', at: 1 };
    events.emit('deviceStatus', good);
    events.emit('deviceStatus', { device: 'toaster', state: 'ready', message: 'x', at: 1 });
    off();
    events.emit('deviceStatus', good);
    expect(received).toEqual([good]);
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });
});
