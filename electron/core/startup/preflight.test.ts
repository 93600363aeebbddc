import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKioskConfig } from '../../common/config.js';
import { DEMO_MAINTENANCE_PIN, hashMaintenancePin } from '../maintenance/pin.js';
import { gatherStartupFacts, preflight } from './preflight.js';

const HALL_KEY = 'a1'.repeat(32);

function config(overrides: { central?: object; maintenance?: object } = {}) {
  return parseKioskConfig({
    kioskId: 'K-1', hall: { name: '大厅', regionCode: '330106' },
    devices: { idcard: null, citizencard: null, printer: null },
    central: { url: 'https://central.example.gov.cn/api/', ...overrides.central },
    ...(overrides.maintenance ? { maintenance: overrides.maintenance } : {}),
    dataDir: mkdtempSync(path.join(tmpdir(), 'preflight-')),
  });
}

describe('start-up facts', () => {
  it('take the central token from the config, else KIOSK_CENTRAL_TOKEN', async () => {
    expect((await gatherStartupFacts(config({ central: { token: 'from-config-1' } }), { KIOSK_CENTRAL_TOKEN: 'from-env-1' })).centralToken).toBe('from-config-1');
    expect((await gatherStartupFacts(config(), { KIOSK_CENTRAL_TOKEN: 'from-env-1' })).centralToken).toBe('from-env-1');
    expect((await gatherStartupFacts(config(), {})).centralToken).toBe('');
  });

  it('see the development ID hash key unless the hall provisioned one (environment or key file)', async () => {
    expect((await gatherStartupFacts(config(), {})).idHashKey).toBe('development');
    expect((await gatherStartupFacts(config(), { KIOSK_ID_HASH_KEY: HALL_KEY })).idHashKey).toBe('provisioned');
    const withFile = config();
    mkdirSync(path.join(withFile.dataDir, 'keys'), { recursive: true });
    writeFileSync(path.join(withFile.dataDir, 'keys', 'id-hash.key'), Buffer.alloc(32, 7));
    expect((await gatherStartupFacts(withFile, {})).idHashKey).toBe('provisioned');
    expect((await gatherStartupFacts(config(), { KIOSK_ID_HASH_KEY: 'short' })).idHashKey).toEqual({ invalid: expect.stringContaining('64 hex digits') });
  });

  it('recognise the demo maintenance PIN by its hash', async () => {
    expect((await gatherStartupFacts(config({ maintenance: { pinHash: hashMaintenancePin(DEMO_MAINTENANCE_PIN) } }), {})).maintenancePin).toBe('demo');
    expect((await gatherStartupFacts(config({ maintenance: { pinHash: hashMaintenancePin('27182818') } }), {})).maintenancePin).toBe('own');
    expect((await gatherStartupFacts(config(), {})).maintenancePin).toBe('off');
  });
});

describe('preflight', () => {
  it('passes a provisioned production kiosk and refuses one on the development key', async () => {
    const env = { KIOSK_CENTRAL_TOKEN: 'token-k1-abcdef', KIOSK_ID_HASH_KEY: HALL_KEY };
    expect((await preflight(config(), env)).refusals).toEqual([]);
    expect((await preflight(config(), { KIOSK_CENTRAL_TOKEN: 'token-k1-abcdef' })).refusals.map((r) => r.key)).toEqual(['KIOSK_ID_HASH_KEY']);
  });
});

describe('preflight of a fleet broker', () => {
  it('refuses a production kiosk whose fleet.tls files are missing or not PEM, naming the key', async () => {
    const env = { KIOSK_CENTRAL_TOKEN: 'token-k1-abcdef', KIOSK_ID_HASH_KEY: HALL_KEY };
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-fleet-'));
    const pem = (name: string, marker: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, `-----BEGIN ${marker}-----\nAAAA\n-----END ${marker}-----\n`);
      return file;
    };
    const ca = pem('ca.crt', 'CERTIFICATE');
    const cert = pem('k1.crt', 'CERTIFICATE');
    const withTls = (tls: object) => ({ ...config(), fleet: { url: 'mqtts://fleet.hall.gov.cn:8883', topicPrefix: 'hall', healthSeconds: 30, keepAliveSeconds: 15, tls: tls as never } });
    const missing = await preflight(withTls({ caFile: ca, certFile: cert, keyFile: path.join(dir, 'k1.key') }), env);
    expect(missing.refusals).toEqual([{ key: 'fleet.tls.keyFile', message: expect.stringMatching(/^cannot read .*k1\.key \(ENOENT\)$/) }]);
    const notKey = await preflight(withTls({ caFile: ca, certFile: cert, keyFile: cert }), env);
    expect(notKey.refusals).toEqual([{ key: 'fleet.tls.keyFile', message: expect.stringContaining('is not a PEM private key') }]);
    expect((await preflight(withTls({ caFile: ca, certFile: cert, keyFile: pem('k1.key', 'PRIVATE KEY') }), env)).refusals).toEqual([]);
  });
});
