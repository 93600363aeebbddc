import { describe, expect, it } from 'vitest';
import { parseKioskConfig } from '../common/config.js';
import { ComposeError, composeKiosk } from './compose.js';
import { hardwareDevices } from './devices/factories.js';

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
});
