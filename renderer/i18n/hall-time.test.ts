/**
 * One hall time zone for screen and paper, whatever the machine's zone: the formatting
 * runs with TZ set to zones that differ from the hall's and is compared with strings
 * written by hand. (The bug: on a UTC machine the screen said 12月1日 13:57 while the
 * paper said 2026-12-01 21:57.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatClock, formatTime } from './i18n.js';
import { formatHallTime } from '../../electron/core/printing/layout.js';
import { hallDay } from '../../electron/core/store/hall-day.js';
import { isIanaTimeZone } from '../../electron/common/time-zone.js';
import { parseKioskConfig } from '../../electron/common/config.js';
import { kioskInfoSchema } from '../../electron/common/contract.js';
import { KioskCore } from '../../electron/core/kiosk-core.js';
import { testConfig } from '../../test/support/kiosk.js';

const AT = Date.parse('2026-12-01T13:57:00Z'); // 21:57 in Hangzhou
const LATE = Date.parse('2026-12-01T21:59:00Z'); // 05:59 the next day in Hangzhou
const machineZone = process.env.TZ;
afterEach(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('the hall time zone', () => {
  for (const machine of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
    it(`screen, paper and numbers agree on a machine set to ${machine}`, () => {
      process.env.TZ = machine;
      expect(new Date(AT).getHours()).toBe({ UTC: 13, 'America/New_York': 8, 'Asia/Shanghai': 21 }[machine]); // the TZ switch took
      expect(formatTime('zh-CN', AT, 'Asia/Shanghai')).toBe('12月1日 21:57');
      expect(formatTime('en', AT, 'Asia/Shanghai')).toBe('Dec 1, 21:57');
      expect(formatClock('zh-CN', LATE, 'Asia/Shanghai')).toBe('05:59');
      expect(formatTime('zh-CN', LATE, 'Asia/Shanghai')).toBe('12月2日 05:59');
      expect(formatHallTime(LATE, 'Asia/Shanghai')).toBe('2026-12-02 05:59');
      expect(hallDay(LATE, 'Asia/Shanghai')).toBe('2026-12-02');
    });
  }

  it('follows a hall that is elsewhere', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(formatTime('zh-CN', AT, 'Asia/Urumqi')).toBe('12月1日 19:57');
    expect(formatHallTime(AT, 'Asia/Urumqi')).toBe('2026-12-01 19:57');
  });

  it('is an IANA zone in the config, Asia/Shanghai by default', () => {
    const config = (hall: object) => parseKioskConfig({ kioskId: 'K1', hall: { name: 'h', regionCode: '330102', ...hall }, devices: { idcard: null, citizencard: null, printer: null }, central: { url: 'embedded' } });
    expect(config({}).hall.timeZone).toBe('Asia/Shanghai');
    expect(config({ timeZone: 'Asia/Urumqi' }).hall.timeZone).toBe('Asia/Urumqi');
    for (const bad of ['Mars/Olympus', '+08:00', 'CST', '']) {
      expect(isIanaTimeZone(bad), bad).toBe(false);
      expect(() => config({ timeZone: bad }), bad).toThrow(/IANA time zone/);
    }
  });

  it('reaches the page in KioskInfo', async () => {
    const config = testConfig('/tmp/k');
    const core = new KioskCore({
      config: { ...config, hall: { ...config.hall, timeZone: 'Asia/Urumqi' } },
      shell: 'browser',
      devices: {},
      sync: { start: async () => {}, stop: async () => {}, status: () => ({ online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, quarantined: 0, acceptingWrites: true }), onStatus: () => () => {} },
    });
    const info = kioskInfoSchema.parse(await core.getKioskInfo());
    expect(info.timeZone).toBe('Asia/Urumqi');
  });
});
