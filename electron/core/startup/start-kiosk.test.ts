import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseKioskConfig, type KioskConfig } from '../../common/config.js';
import type { DemoComposition, StartDemo } from './demo-module.js';
import { isStartupRefusal, startKiosk, startupLines, type StartedKiosk } from './start-kiosk.js';
import { StartupRefusedError } from './startup-checks.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const HALL_ENV = { KIOSK_CENTRAL_TOKEN: 'token-k1-abcdef', KIOSK_ID_HASH_KEY: 'b2'.repeat(32) };
// Nothing listens on port 9: the forwarder only fails to reach it, which these tests ignore.
const UNREACHABLE = 'http://127.0.0.1:9/';

function config(devices: object, url: string): KioskConfig {
  return parseKioskConfig({
    kioskId: 'K-1', hall: { name: '测试大厅', regionCode: '330106' }, devices: { idcard: null, citizencard: null, printer: null, ...devices },
    central: { url }, dataDir: mkdtempSync(path.join(tmpdir(), 'start-kiosk-')),
  });
}
const noDemo = (): Promise<StartDemo> => Promise.reject(new Error('the demo composition must not be loaded'));
const track = <T extends StartedKiosk<DemoComposition>>(started: T): T => (closers.push(started.close), started);

describe('startKiosk', () => {
  it('refuses a production config that fails the start-up checks before opening anything', async () => {
    const error = await startKiosk(config({}, UNREACHABLE), 'kiosk.config.json', { shell: 'browser', loadDemo: noDemo, env: {} }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StartupRefusedError);
    expect((error as StartupRefusedError).refusals.map((r) => r.key)).toEqual(['central.token', 'KIOSK_ID_HASH_KEY']);
    expect(isStartupRefusal(error)).toBe(true);
  });

  it('starts a production config on its own central endpoint without loading the demo composition', async () => {
    const started = track(await startKiosk(config({}, UNREACHABLE), 'kiosk.config.json', { shell: 'browser', loadDemo: noDemo, env: HALL_ENV }));
    expect(started.demo).toBeNull();
    expect(started.kiosk.centralUrl).toBe(UNREACHABLE);
    expect(startupLines('kiosk.config.json', started)).toEqual([
      'kiosk K-1 (测试大厅) from kiosk.config.json, production mode',
      `central API: ${UNREACHABLE}`,
      'maintenance screen: off (no maintenance.pinHash in the config)',
    ]);
  });

  it('in demo mode composes the config the demo composition resolved, and closes the demo with the kiosk', async () => {
    const demoConfig = config({ printer: { transport: 'serial', port: '@simulator' } }, 'embedded');
    let asked: string[] = [];
    let demoClosed = false;
    const loadDemo = async (keys: string[]): Promise<StartDemo> => {
      asked = keys;
      return async (given) => ({
        config: { ...given, devices: { ...given.devices, printer: null }, central: { ...given.central, url: UNREACHABLE, token: 'demo-token-1' } },
        notes: ['the test demo'],
        close: async () => {
          demoClosed = true;
        },
      });
    };
    const started = await startKiosk(demoConfig, 'kiosk.config.json', { shell: 'browser', loadDemo, env: {} });
    expect(asked).toEqual(['devices.printer', 'central.url']);
    expect(started.kiosk.centralUrl).toBe(UNREACHABLE);
    const lines = startupLines('kiosk.config.json', started);
    expect(lines[0]).toContain('demo mode');
    expect(lines).toContain('the test demo');
    expect(lines).toContainEqual(expect.stringMatching(/^WARNING: DEMO MODE: devices\.printer, central\.url run on simulators/));
    await started.close();
    expect(demoClosed).toBe(true);
  });
});
