import { describe, expect, it } from 'vitest';
import { parseKioskConfig } from '../../common/config.js';
import { CentralEndpointError, openCentralEndpoint } from './central-endpoint.js';

const config = (central: object) =>
  parseKioskConfig({ kioskId: 'K-1', hall: { name: '大厅', regionCode: '330106' }, devices: { idcard: null, citizencard: null, printer: null }, central });

describe('the central endpoint', () => {
  it("is the config's URL with its token, else KIOSK_CENTRAL_TOKEN, over the global fetch without central.tls", async () => {
    const fromConfig = openCentralEndpoint(config({ url: 'https://central.example.gov.cn/api/', token: 'token-in-config' }), { KIOSK_CENTRAL_TOKEN: 'token-in-env' });
    expect(fromConfig.endpoint).toEqual({ url: 'https://central.example.gov.cn/api/', token: 'token-in-config' });
    const fromEnv = openCentralEndpoint(config({ url: 'https://central.example.gov.cn/api/' }), { KIOSK_CENTRAL_TOKEN: 'token-in-env' });
    expect(fromEnv.endpoint.token).toBe('token-in-env');
    await fromConfig.close();
    await fromEnv.close();
  });

  it("is never the embedded simulator: 'embedded' must be resolved by the demo composition first", () => {
    expect(() => openCentralEndpoint(config({ url: 'embedded' }), {})).toThrow(CentralEndpointError);
    expect(() => openCentralEndpoint(config({ url: 'embedded' }), {})).toThrow(/demo composition/);
  });
});
