/**
 * Opening hours and out of service, seen by a citizen in Chromium: the attract screen says
 * the kiosk is closed and when it opens (no ticket, self-service goes on), or shows
 * operations' message and starts no session; back in service, everything works again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { press, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';
import { wallClock } from '../../electron/common/service-hours.js';

const DAY = 86_400_000;
const isoDay = (epoch: number) => {
  const w = wallClock(epoch, 'Asia/Shanghai');
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

describe('closed outside the opening hours (Chromium)', () => {
  let rig: JourneyRig;
  // Open all day every day, except today and tomorrow in the hall: it opens the day after at 00:00.
  const now = Date.now();
  const allDay = ['00:00-24:00'];
  beforeAll(async () => {
    rig = await startJourneyRig({
      service: {
        openingHours: { week: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay }, closedDates: [isoDay(now), isoDay(now + DAY)] },
        dailyRestartAt: null,
      },
    });
  }, 60_000);
  afterAll(async () => rig?.close());

  it('says it is closed and when it opens, identifies the citizen, and offers no ticket', async () => {
    const { page } = rig;
    const notice = page.getByTestId('service-notice');
    await expect.poll(() => notice.getAttribute('data-reason')).toBe('closed');
    const opens = new Date(Date.parse(`${isoDay(now + 2 * DAY)}T00:00:00+08:00`));
    const expected = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(opens);
    expect(await notice.textContent()).toContain(`下次开放：${expected}`);
    // Self-service goes on: the card is still read.
    await swipe(rig, 'resident-3');
    expect(await page.getByTestId('one-click-ticket').isDisabled()).toBe(true);
    expect(await page.getByTestId('service-notice').getAttribute('data-reason')).toBe('closed');
    // The core refuses by itself, whatever the page does.
    await expect(rig.t.kiosk.core.takeTicket({ category: null, priority: 'normal', appointmentId: null })).rejects.toMatchObject({ code: 'hall-closed' });
    await press(page, 'finish');
    await waitForScreen(page, 'evaluation');
  });
});

describe('out of service (Chromium)', () => {
  let rig: JourneyRig;
  beforeAll(async () => {
    rig = await startJourneyRig();
  }, 60_000);
  afterAll(async () => rig?.close());

  it('shows operations’ message, starts no session; back in service the ticket works', async () => {
    const { page, t } = rig;
    expect(await page.getByTestId('service-notice').count()).toBe(0);
    t.kiosk.core.service.setOutOfService({ zh: '设备检修中，请到 3 号窗口办理', en: 'Under repair: please go to desk 3' });
    await expect.poll(() => page.getByTestId('service-notice').textContent()).toBe('设备检修中，请到 3 号窗口办理');
    expect(await page.locator('.attract .prompt').count()).toBe(0);
    await swipe(rig, 'resident-3', null);
    await expect.poll(() => page.locator('[data-code=out-of-service]').count()).toBe(1);
    expect(await page.locator('.kiosk').getAttribute('data-screen')).toBe('attract');
    expect(t.kiosk.core.sessions.current()).toBeNull();

    t.kiosk.core.service.backInService();
    await expect.poll(() => page.getByTestId('service-notice').count()).toBe(0);
    await swipe(rig, 'resident-3');
    await press(page, 'one-click-ticket');
    await waitForScreen(page, 'ticket');
  });
});
