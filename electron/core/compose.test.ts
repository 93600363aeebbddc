import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKioskConfig } from '../common/config.js';
import type { DeviceStatus } from '../common/device-status.js';
import { ComposeError, composeKiosk } from './compose.js';
import { hardwareDevices } from './devices/factories.js';
import type { CardReaderDevice } from './devices/types.js';

describe('composeKiosk', () => {
  it('never starts a simulator: a config that still names one is refused before anything opens', async () => {
    const config = parseKioskConfig({
      kioskId: 'K-1', hall: { name: '大厅', regionCode: '330106' },
      devices: { idcard: null, citizencard: null, printer: { transport: 'serial', port: '@simulator' } },
      central: { url: 'embedded' },
      dataDir: '/nonexistent/kiosk-compose-test',
    });
    const composing = composeKiosk(config, { shell: 'browser', central: { url: 'http://127.0.0.1:9', token: 'test-token' }, deviceFactories: hardwareDevices });
    await expect(composing).rejects.toThrow(ComposeError);
    await expect(composing).rejects.toThrow(/devices\.printer, central\.url still name a simulator: start the demo composition/);
  });

  it('asks the central nothing while the devices open: the first heartbeat and catalog request go out once the core has started', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-compose-order-'));
    const asked: string[] = [];
    let askedWhileOpening: string[] | null = null;
    // A reader whose port takes a few event-loop turns and a real timer to open, as a serial port does.
    const status: DeviceStatus = { device: 'idcard', state: 'ready', message: '', at: 0 };
    const reader: CardReaderDevice = {
      start: async () => {
        for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
        await new Promise((r) => setTimeout(r, 20));
        askedWhileOpening = [...asked];
      },
      stop: async () => {},
      status: () => status,
      onStatus: () => () => {},
      onCard: () => () => {},
      onCardRemoved: () => () => {},
    };
    const fetch: typeof globalThis.fetch = async (input) => {
      asked.push(new URL(String(input instanceof Request ? input.url : input)).pathname);
      return new Response('{}', { status: 503, headers: { 'content-type': 'application/json' } });
    };
    const config = parseKioskConfig({
      kioskId: 'K-1', hall: { name: '大厅', regionCode: '330106' },
      devices: { idcard: null, citizencard: null, printer: null },
      central: { url: 'http://127.0.0.1:9', token: 'test-token' },
      dataDir,
    });
    const kiosk = await composeKiosk(config, { shell: 'browser', central: { url: 'http://127.0.0.1:9', token: 'test-token', fetch }, deviceFactories: hardwareDevices, devices: { idcard: reader } });
    try {
      expect(askedWhileOpening).toEqual([]);
      expect(asked).toEqual([]);
      await new Promise((r) => setTimeout(r, 50));
      expect(asked).toEqual(expect.arrayContaining(['/v1/heartbeat', '/v1/catalog']));
    } finally {
      await kiosk.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
