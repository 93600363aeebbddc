/**
 * A log that a hostile client cannot flood: lines of one kind are written at most `perMinute`
 * times a minute; the next line of that kind says how many were left out.
 */
export type KindLog = (line: string, kind?: string) => void;

export function throttledLog(log: (line: string) => void, perMinute = 10, now: () => number = Date.now): KindLog {
  const windows = new Map<string, { start: number; written: number; suppressed: number }>();
  return (line, kind) => {
    if (!kind) return log(line);
    const t = now();
    let w = windows.get(kind);
    if (!w || t - w.start >= 60_000) {
      const suppressed = w?.suppressed ?? 0;
      w = { start: t, written: 0, suppressed: 0 };
      windows.set(kind, w);
      if (suppressed > 0) log(`(${suppressed} more like the next line in the last minute)`);
    }
    if (w.written < perMinute) {
      w.written++;
      log(line);
    } else {
      w.suppressed++;
    }
  };
}
