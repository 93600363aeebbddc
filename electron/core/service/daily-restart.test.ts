import { afterEach, describe, expect, it, vi } from 'vitest';
import { TypedEmitter } from '../../common/emitter.js';
import { DailyWindowRestart } from './daily-restart.js';

afterEach(() => {
  vi.useRealTimers();
});

function rig(startIso: string) {
  vi.useFakeTimers({ now: Date.parse(startIso) });
  let open = false;
  const ended = new TypedEmitter<{ ended: null }>();
  const restarts: number[] = [];
  const restart = new DailyWindowRestart({
    at: '03:30',
    timeZone: 'Asia/Shanghai',
    session: { isOpen: () => open, onEnded: (l) => ended.on('ended', () => l()) },
    restart: () => restarts.push(Date.now()),
    log: () => {},
  });
  return {
    restart,
    restarts,
    setOpen: (value: boolean) => {
      open = value;
      if (!value) ended.emit('ended', null);
    },
  };
}

describe('DailyWindowRestart', () => {
  it('restarts the window at the quiet hall time, once a day', async () => {
    const { restart, restarts } = rig('2026-12-02T02:00:00Z'); // 10:00 in the hall
    restart.start();
    await vi.advanceTimersByTimeAsync(Date.parse('2026-12-02T19:29:59Z') - Date.now());
    expect(restarts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(restarts).toEqual([Date.parse('2026-12-02T19:30:00Z')]);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(restarts).toEqual([Date.parse('2026-12-02T19:30:00Z'), Date.parse('2026-12-03T19:30:00Z')]);
    restart.stop();
  });

  it('waits for the citizen in session to finish', async () => {
    const { restart, restarts, setOpen } = rig('2026-12-02T19:00:00Z');
    restart.start();
    setOpen(true);
    await vi.advanceTimersByTimeAsync(45 * 60_000);
    expect(restarts).toEqual([]);
    setOpen(false);
    expect(restarts).toEqual([Date.parse('2026-12-02T19:45:00Z')]);
    // Tomorrow's is at 03:30 again, not 24 h after the late one.
    await vi.advanceTimersByTimeAsync(Date.parse('2026-12-03T19:30:00Z') - Date.now());
    expect(restarts).toHaveLength(2);
    restart.stop();
  });

  it('stop() cancels a pending restart', async () => {
    const { restart, restarts, setOpen } = rig('2026-12-02T19:00:00Z');
    restart.start();
    setOpen(true);
    await vi.advanceTimersByTimeAsync(45 * 60_000);
    restart.stop();
    setOpen(false);
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(restarts).toEqual([]);
  });
});
