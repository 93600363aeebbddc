import { describe, expect, it } from 'vitest';
import { parseKioskConfig, type KioskConfig } from '../../common/config.js';
import { checkStartup, StartupRefusedError, type StartupFacts } from './startup-checks.js';

const devices = { idcard: { transport: 'serial', port: '/dev/ttyUSB0' }, citizencard: { transport: 'pcsc' }, printer: { transport: 'tcp', host: '10.1.2.3' } };
const production = (central: object = {}): KioskConfig =>
  parseKioskConfig({ kioskId: 'K-1', hall: { name: '大厅', regionCode: '330106' }, devices, central: { url: 'https://central.example.gov.cn/api/', ...central } });
const demo = parseKioskConfig({
  kioskId: 'K-1', hall: { name: '大厅', regionCode: '330106' },
  devices: { ...devices, printer: { transport: 'serial', port: '@simulator' } }, central: { url: 'embedded' },
});
const fit: StartupFacts = { centralToken: 'token-k1-abcdef', idHashKey: 'provisioned', maintenancePin: 'own' };
const refusedKeys = (config: KioskConfig, facts: Partial<StartupFacts>) => checkStartup(config, { ...fit, ...facts }).refusals.map((r) => r.key);

describe('start-up checks of a production config', () => {
  it('start a kiosk fit for a hall, without warnings', () => {
    expect(checkStartup(production(), fit)).toEqual({ mode: 'production', refusals: [], warnings: [] });
  });

  it('refuse a plain http central URL to another machine, but not to loopback', () => {
    expect(refusedKeys(production({ url: 'http://central.example.gov.cn/api/' }), {})).toEqual(['central.url']);
    expect(refusedKeys(production({ url: 'http://10.0.0.5:8080/' }), {})).toEqual(['central.url']);
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost:8080/', 'http://[::1]:8080/']) expect(refusedKeys(production({ url }), {}), url).toEqual([]);
  });

  it('refuse an empty central token', () => {
    expect(refusedKeys(production(), { centralToken: '' })).toEqual(['central.token']);
    expect(refusedKeys(production(), { centralToken: '   ' })).toEqual(['central.token']);
  });

  it('refuse the development ID hash key, and an invalid one', () => {
    expect(refusedKeys(production(), { idHashKey: 'development' })).toEqual(['KIOSK_ID_HASH_KEY']);
    expect(checkStartup(production(), { ...fit, idHashKey: { invalid: 'KIOSK_ID_HASH_KEY must be 64 hex digits' } }).refusals)
      .toEqual([{ key: 'KIOSK_ID_HASH_KEY', message: 'KIOSK_ID_HASH_KEY must be 64 hex digits' }]);
  });

  it('refuse the demo maintenance PIN, but not no maintenance screen', () => {
    expect(refusedKeys(production(), { maintenancePin: 'demo' })).toEqual(['maintenance.pinHash']);
    expect(refusedKeys(production(), { maintenancePin: 'off' })).toEqual([]);
  });

  it('refuse a face matcher this build does not have (no silent fallback to another comparison)', () => {
    const withMatcher = (matcher: string) => parseKioskConfig({ ...production(), face: { matcher } });
    expect(refusedKeys(withMatcher('vendor-x'), {})).toEqual(['face.matcher']);
    expect(checkStartup(withMatcher('vendor-x'), fit).refusals[0]!.message).toMatch(/"vendor-x" is no face matcher of this build.*register/);
    expect(refusedKeys(withMatcher('central'), {})).toEqual([]);
  });

  it('name every refusal at once, each with what to do', () => {
    const { refusals } = checkStartup(production({ url: 'http://central.example.gov.cn/' }), { centralToken: '', idHashKey: 'development', maintenancePin: 'demo' });
    const text = new StartupRefusedError('/etc/kiosk/kiosk.config.json', refusals).message;
    expect(text).toContain('/etc/kiosk/kiosk.config.json');
    expect(text).toMatch(/central\.url: .*use the central API's https:\/\/ address/);
    expect(text).toMatch(/central\.token: .*KIOSK_CENTRAL_TOKEN/);
    expect(text).toMatch(/KIOSK_ID_HASH_KEY: .*provision the hall's key/);
    expect(text).toMatch(/maintenance\.pinHash: .*npm run -s maintenance-pin/);
  });
});

describe('start-up checks of a demo config', () => {
  it('start with what only a demo may have, and warn', () => {
    const report = checkStartup(demo, { centralToken: '', idHashKey: 'development', maintenancePin: 'demo' });
    expect(report.mode).toBe('demo');
    expect(report.refusals).toEqual([]);
    expect(report.warnings).toEqual([
      expect.stringMatching(/^DEMO MODE: devices\.printer, central\.url run on simulators/),
      expect.stringMatching(/embedded central simulator/),
      expect.stringMatching(/maintenance PIN is the demo 000000/),
    ]);
  });
});

describe('start-up checks of a production config with a fleet broker', () => {
  const withFleet = (fleet: object) =>
    parseKioskConfig({ kioskId: 'K-1', hall: { name: '大厅', regionCode: '330106' }, devices, central: { url: 'https://central.example.gov.cn/api/' }, fleet });
  const tls = { caFile: '/etc/kiosk/hall-ca.crt', certFile: '/etc/kiosk/k1.crt', keyFile: '/etc/kiosk/k1.key' };

  it('start with mqtts and a client certificate', () => {
    expect(refusedKeys(withFleet({ url: 'mqtts://fleet.hall.gov.cn:8883', tls }), { fleetTls: 'ok' })).toEqual([]);
  });

  it('refuse plain MQTT to another machine, mqtts without a certificate, and an unreadable certificate, naming the key', () => {
    expect(refusedKeys(withFleet({ url: 'mqtt://fleet.hall.gov.cn:1883' }), {})).toEqual(['fleet.url']);
    expect(refusedKeys(withFleet({ url: 'mqtt://127.0.0.1:1883' }), {})).toEqual([]);
    expect(refusedKeys(withFleet({ url: 'mqtts://fleet.hall.gov.cn:8883' }), {})).toEqual(['fleet.tls']);
    const refusals = checkStartup(withFleet({ url: 'mqtts://fleet.hall.gov.cn:8883', tls }), { ...fit, fleetTls: { key: 'fleet.tls.keyFile', invalid: 'cannot read /etc/kiosk/k1.key (ENOENT)' } }).refusals;
    expect(refusals).toEqual([{ key: 'fleet.tls.keyFile', message: 'cannot read /etc/kiosk/k1.key (ENOENT)' }]);
  });

  it('a config without a fleet section runs as before', () => {
    expect(production().fleet).toBeUndefined();
    expect(checkStartup(production(), fit).refusals).toEqual([]);
  });
});
