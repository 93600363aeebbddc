import { describe, expect, it, vi } from 'vitest';
import { buildPreloadBridge, type IpcRendererLike } from './bridge.js';
import { EVENT_NAMES, METHOD_NAMES } from '../common/contract.js';
import { channel } from '../common/rpc.js';

describe('preload bridge', () => {
  it('exposes exactly one named function per contract method and event', () => {
    const ipc: IpcRendererLike = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
    const bridge = buildPreloadBridge(ipc);
    expect(Object.keys(bridge)).toEqual(['invoke', 'on']);
    expect(Object.keys(bridge.invoke).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(bridge.on).sort()).toEqual([...EVENT_NAMES].sort());
    for (const fn of [...Object.values(bridge.invoke), ...Object.values(bridge.on)]) expect(typeof fn).toBe('function');
  });

  it('invokes on the contract channel and hides the IPC event from the page', async () => {
    const handlers = new Map<string, (event: unknown, payload: unknown) => void>();
    const ipc: IpcRendererLike = {
      invoke: vi.fn(async () => ({ ok: true, value: null })),
      on: vi.fn((ch: string, l: (event: unknown, payload: unknown) => void) => handlers.set(ch, l)),
      removeListener: vi.fn((ch: string) => handlers.delete(ch)),
    };
    const bridge = buildPreloadBridge(ipc);
    await bridge.invoke.endSession('finished');
    expect(ipc.invoke).toHaveBeenCalledWith(channel.method('endSession'), 'finished');
    const received: unknown[] = [];
    const off = bridge.on.notice((p) => received.push(p));
    handlers.get(channel.event('notice'))!({ sender: 'secret' }, { code: 'x' });
    expect(received).toEqual([{ code: 'x' }]);
    off();
    expect(handlers.has(channel.event('notice'))).toBe(false);
  });
});
