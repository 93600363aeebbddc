/**
 * The kiosk's one log level. The core's services, the drivers and both shells write their
 * lines with `console.*` (each takes a `log` option defaulting to console), so the level
 * gates the console itself: once a shell installs it, `console.debug` lines show only at
 * `debug`, `console.log`/`info` at `info` and below, `warn` at `warn` and below, `error`
 * always. The fleet's `set-log-level` command sets it for the whole kiosk; health shows it.
 * Not persisted: a restarted kiosk starts at `info` again (a forgotten `debug` does not
 * fill the disk for weeks).
 */
// Type only: the shells install this before the kiosk starts, and the fleet's messages (with
// their schemas) are loaded only for a kiosk that has a broker.
import type { LogLevel } from '../common/fleet/messages.js';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LogLevelControl {
  current(): LogLevel;
  set(level: LogLevel): void;
  /** Whether a line at `level` is written at the current level. */
  shows(level: LogLevel): boolean;
}

type ConsoleMethod = 'debug' | 'log' | 'info' | 'warn' | 'error';
const METHOD_LEVEL: Record<ConsoleMethod, LogLevel> = { debug: 'debug', log: 'info', info: 'info', warn: 'warn', error: 'error' };

/** A level of its own, gating nothing but who asks `shows` (a kiosk whose shell installed none). */
export function logLevelControl(initial: LogLevel = 'info'): LogLevelControl {
  let level = initial;
  return {
    current: () => level,
    set: (next) => {
      level = next;
    },
    shows: (at) => ORDER[at] >= ORDER[level],
  };
}

/** Gates `target`'s methods by the level (a shell installs it on `console` before it starts the kiosk). */
export function installConsoleLogLevel(target: Pick<Console, ConsoleMethod> = console, initial: LogLevel = 'info'): LogLevelControl & { uninstall(): void } {
  const control = logLevelControl(initial);
  const originals = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const method of Object.keys(METHOD_LEVEL) as ConsoleMethod[]) {
    const original = target[method].bind(target) as (...args: unknown[]) => void;
    originals.set(method, target[method] as (...args: unknown[]) => void);
    target[method] = (...args: unknown[]) => {
      if (control.shows(METHOD_LEVEL[method])) original(...args);
    };
  }
  return {
    ...control,
    uninstall: () => {
      for (const [method, original] of originals) target[method] = original;
    },
  };
}
