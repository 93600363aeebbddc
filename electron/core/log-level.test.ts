import { describe, expect, it } from 'vitest';
import { installConsoleLogLevel, logLevelControl } from './log-level.js';

function recordingConsole() {
  const lines: string[] = [];
  const write = (method: string) => (...args: unknown[]) => lines.push(`${method}: ${args.join(' ')}`);
  return { lines, target: { debug: write('debug'), log: write('log'), info: write('info'), warn: write('warn'), error: write('error') } };
}

describe('the kiosk log level', () => {
  it('gates every console method by it: debug lines only at debug', () => {
    const { lines, target } = recordingConsole();
    const level = installConsoleLogLevel(target);
    target.debug('health published');
    target.log('kiosk ready');
    target.info('fleet connected');
    expect(lines).toEqual(['log: kiosk ready', 'info: fleet connected']);
    level.set('debug');
    target.debug('health', 'published');
    expect(lines.at(-1)).toBe('debug: health published');
    level.set('warn');
    target.info('quiet now');
    target.warn('paper near end');
    target.error('reader lost');
    expect(lines.slice(-2)).toEqual(['warn: paper near end', 'error: reader lost']);
    expect(level.current()).toBe('warn');
    level.uninstall();
    target.debug('after uninstall');
    expect(lines.at(-1)).toBe('debug: after uninstall');
  });

  it('a level of its own says what it shows and gates nothing else', () => {
    const level = logLevelControl();
    expect([level.shows('debug'), level.shows('info'), level.shows('error')]).toEqual([false, true, true]);
    level.set('error');
    expect([level.shows('warn'), level.shows('error')]).toEqual([false, true]);
  });
});
