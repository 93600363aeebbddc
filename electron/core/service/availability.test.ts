import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceAvailability, type ServiceState } from './availability.js';
import { ServiceStateFile } from './service-state-file.js';
import { openingHoursSchema } from '../../common/service-hours.js';

const at = (iso: string) => Date.parse(iso);
// Weekdays 08:30-17:30 in the hall (UTC+8): 00:30Z-09:30Z.
const weekdays = openingHoursSchema.parse({ week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['08:30-17:30']])) });
const message = { zh: '设备检修，请到 3 号窗口', en: 'Under repair: please go to desk 3' };
const tmp = () => mkdtempSync(join(tmpdir(), 'service-'));

afterEach(() => {
  vi.useRealTimers();
});

describe('ServiceAvailability', () => {
  it('is in service during the opening hours and closed outside them, with the next opening', () => {
    let now = at('2026-12-02T02:00:00Z'); // Wednesday 10:00
    const service = new ServiceAvailability({ openingHours: weekdays, dailyRestartAt: '03:30', timeZone: 'Asia/Shanghai', now: () => now, log: () => {} });
    expect(service.current()).toEqual({ inService: true, reason: 'open', message: null, opensAt: null, closesAt: at('2026-12-02T09:30:00Z'), dailyRestartAt: at('2026-12-02T19:30:00Z') });
    now = at('2026-12-02T10:00:00Z'); // 18:00
    expect(service.current()).toEqual({ inService: false, reason: 'closed', message: null, opensAt: at('2026-12-03T00:30:00Z'), closesAt: null, dailyRestartAt: at('2026-12-02T19:30:00Z') });
  });

  it('out of service wins over the hours, and back in service restores them', () => {
    const service = new ServiceAvailability({ openingHours: null, dailyRestartAt: null, timeZone: 'Asia/Shanghai', log: () => {} });
    const seen: ServiceState[] = [];
    service.onChange((s) => seen.push(s));
    service.setOutOfService(message);
    expect(service.current()).toMatchObject({ inService: false, reason: 'out-of-service', message });
    service.backInService();
    expect(service.current()).toMatchObject({ inService: true, reason: 'open', message: null });
    expect(seen.map((s) => s.reason)).toEqual(['out-of-service', 'open']);
  });

  it('stays out of service across a restart (the file in the data folder)', () => {
    const dir = tmp();
    const first = new ServiceAvailability({ openingHours: null, dailyRestartAt: null, timeZone: 'Asia/Shanghai', file: new ServiceStateFile(dir), log: () => {} });
    first.setOutOfService(message);
    const lines: string[] = [];
    const second = new ServiceAvailability({ openingHours: null, dailyRestartAt: null, timeZone: 'Asia/Shanghai', file: new ServiceStateFile(dir), log: (l) => lines.push(l) });
    expect(second.current()).toMatchObject({ reason: 'out-of-service', message });
    expect(lines.join('\n')).toContain('out of service');
    second.backInService();
    expect(JSON.parse(readFileSync(join(dir, 'service-state.json'), 'utf8'))).toEqual({ outOfService: null });
    expect(new ServiceAvailability({ openingHours: null, dailyRestartAt: null, timeZone: 'Asia/Shanghai', file: new ServiceStateFile(dir), log: () => {} }).current().inService).toBe(true);
  });

  it('an unreadable state file keeps the kiosk out of service and says why', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'service-state.json'), '{"outOfService": {"mess');
    const lines: string[] = [];
    const service = new ServiceAvailability({ openingHours: null, dailyRestartAt: null, timeZone: 'Asia/Shanghai', file: new ServiceStateFile(dir), log: (l) => lines.push(l) });
    expect(service.current()).toMatchObject({ inService: false, reason: 'out-of-service' });
    expect(service.current().message?.zh).toContain('暂停服务');
    expect(lines.join('\n')).toMatch(/service-state\.json is unreadable .*staying out of service/);
  });

  it('announces closing and opening as they happen', async () => {
    vi.useFakeTimers({ now: at('2026-12-04T09:00:00Z') }); // Friday 17:00, half an hour before closing
    const service = new ServiceAvailability({ openingHours: weekdays, dailyRestartAt: null, timeZone: 'Asia/Shanghai', log: () => {} });
    const seen: ServiceState[] = [];
    service.onChange((s) => seen.push(s));
    service.start();
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(61_000);
    expect(seen).toEqual([expect.objectContaining({ reason: 'closed', opensAt: at('2026-12-07T00:30:00Z') })]);
    // Over the weekend the timer re-arms hourly and announces nothing until Monday 08:30.
    await vi.advanceTimersByTimeAsync(at('2026-12-07T00:29:00Z') - Date.now());
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(seen.map((s) => s.reason)).toEqual(['closed', 'open']);
    service.stop();
  });
});
