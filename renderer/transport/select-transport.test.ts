import { describe, expect, it, vi } from 'vitest';
import { preloadTransport, selectTransport } from './select-transport.js';
import { bridgeAddressFromLocation } from './websocket-transport.js';
import type { PreloadBridge } from '../../electron/common/preload-api.js';
import { KioskCallError } from '../../electron/common/rpc.js';

function fakeBridge(outcome: unknown): PreloadBridge {
  const invoke = new Proxy({}, { get: () => vi.fn(async () => outcome) }) as PreloadBridge['invoke'];
  const on = new Proxy({}, { get: () => vi.fn(() => () => {}) }) as PreloadBridge['on'];
  return { invoke, on };
}

describe('transport selection', () => {
  it("uses Electron's preload bridge when it is there", () => {
    const win = { kioskBridge: fakeBridge({ ok: true, value: null }), location: { hash: '' } } as unknown as Window;
    expect(selectTransport(win).kind).toBe('electron');
  });

  it('unwraps the core outcome and turns a refusal into a coded error', async () => {
    await expect(preloadTransport(fakeBridge({ ok: true, value: 42 })).invoke('getStatus', [])).resolves.toBe(42);
    const refused = preloadTransport(fakeBridge({ ok: false, code: 'no-session', message: 'swipe first' })).invoke('takeTicket', [{}]);
    await expect(refused).rejects.toBeInstanceOf(KioskCallError);
    await expect(refused).rejects.toMatchObject({ code: 'no-session', method: 'takeTicket' });
  });

  it('refuses to start without the per-launch token', () => {
    const win = { location: { hash: '', protocol: 'http:', host: '127.0.0.1:5000' } } as unknown as Window;
    expect(() => selectTransport(win)).toThrow(/token/);
  });

  it('builds the loopback WebSocket address from the page location and its token', () => {
    const address = bridgeAddressFromLocation({ hash: '#token=Ab-_9z', protocol: 'http:', host: '127.0.0.1:5000' } as Location);
    expect(address).toEqual({ apiUrl: 'ws://127.0.0.1:5000/api', launchToken: 'Ab-_9z' });
    expect(bridgeAddressFromLocation({ hash: '#token=x', protocol: 'https:', host: 'kiosk.local' } as Location)?.apiUrl).toBe('wss://kiosk.local/api');
    expect(bridgeAddressFromLocation({ hash: '', protocol: 'http:', host: '127.0.0.1:5000' } as Location)).toBeNull();
  });
});
