import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { EXIT_UNKNOWN_STATE, installProcessGuard } from './process-guard.js';

describe('process guard', () => {
  it('logs an escaped error, closes the kiosk, then exits 70 for a clean restart', async () => {
    const target = new EventEmitter();
    const lines: string[] = [];
    const order: string[] = [];
    const exited = new Promise<number>((resolve) => {
      installProcessGuard({
        target,
        log: (l) => lines.push(l),
        shutdown: async () => {
          order.push('shutdown');
        },
        exit: (code) => {
          order.push('exit');
          resolve(code);
        },
      });
    });
    target.emit('uncaughtException', new Error('boom in a timer'));
    target.emit('unhandledRejection', new Error('and a second one'));
    expect(await exited).toBe(EXIT_UNKNOWN_STATE);
    expect(order).toEqual(['shutdown', 'exit']);
    expect(lines[0]).toMatch(/^kiosk: uncaught exception: Error: boom in a timer/);
    expect(lines.some((l) => l.startsWith('kiosk: unhandled rejection: Error: and a second one'))).toBe(true);
  });

  it('exits even when the shutdown hangs', async () => {
    vi.useFakeTimers();
    try {
      const target = new EventEmitter();
      const exit = vi.fn();
      installProcessGuard({ target, log: () => {}, shutdown: () => new Promise(() => {}), exit, shutdownTimeoutMs: 1000 });
      target.emit('unhandledRejection', 'not even an Error');
      await vi.advanceTimersByTimeAsync(999);
      expect(exit).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(exit).toHaveBeenCalledWith(70);
    } finally {
      vi.useRealTimers();
    }
  });
});
