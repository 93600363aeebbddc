/** Column arithmetic for a font-A receipt printer: ASCII takes 1 column, Chinese 2; the hall's clock. */
import { DEFAULT_HALL_TIME_ZONE } from '../../common/time-zone.js';

export function columnsOf(ch: string): number {
  return (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += columnsOf(ch);
  return width;
}

/**
 * Breaks text into lines of at most `columns` columns. Runs of ASCII letters/digits
 * (URLs, numbers) stay whole when they fit on a line; Chinese breaks anywhere, but
 * a closing punctuation mark never starts a line.
 */
export function wrap(text: string, columns: number, indent = ''): string[] {
  const lines: string[] = [];
  const tokens = text.match(/[A-Za-z0-9._:/@%+-]+|./gsu) ?? [];
  let line = '';
  let width = 0;
  const limit = (first: boolean) => columns - (first ? 0 : displayWidth(indent));
  for (const token of tokens) {
    const w = displayWidth(token);
    const max = limit(lines.length === 0);
    if (width + w > max && width > 0 && !/^[，。、；：！？）》」』,.;:!?)]$/.test(token)) {
      lines.push(line);
      line = '';
      width = 0;
    }
    if (w > limit(lines.length === 0)) {
      // A token longer than a line (a long URL): split it by characters.
      for (const ch of token) {
        if (width + columnsOf(ch) > limit(lines.length === 0)) {
          lines.push(line);
          line = '';
          width = 0;
        }
        line += ch;
        width += columnsOf(ch);
      }
      continue;
    }
    line += token;
    width += w;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l.trimStart()));
}

/** "label …… value" across the line; falls back to two lines when both don't fit. */
export function labelValue(label: string, value: string, columns: number): string[] {
  const gap = columns - displayWidth(label) - displayWidth(value);
  if (gap >= 1) return [label + ' '.repeat(gap) + value];
  return [label, ...wrap(value, columns)];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** 'YYYY-MM-DD HH:mm' in the hall's time zone, whatever the kiosk machine's TZ. */
export function formatHallTime(epochMs: number, timeZone: string = DEFAULT_HALL_TIME_ZONE): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
