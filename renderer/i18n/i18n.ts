/** Message lookup with {placeholders}; zh-CN is the default and defines the keys. */
import { zhCN, type MessageKey } from './zh-CN.js';
import { en } from './en.js';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? zhCN[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);

/** A key built from data (a notice code, a catalog category): the fallback when it is unknown. */
export function messageKeyOr(key: string, fallback: MessageKey): MessageKey {
  return isMessageKey(key) ? key : fallback;
}

/** Minutes as the citizen says them: "60 分钟" reads worse than "1 小时". */
export function formatDuration(locale: Locale, minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return translate(locale, 'time.days', { n: minutes / 1440 });
  if (minutes >= 60 && minutes % 60 === 0) return translate(locale, 'time.hours', { n: minutes / 60 });
  return translate(locale, 'time.minutes', { n: minutes });
}

/**
 * A clock time the citizen can act on: "11月23日 15:30" / "Nov 23, 15:30", in the hall's
 * time zone (KioskInfo.timeZone), never the machine's: the paper says the same time.
 */
export function formatTime(locale: Locale, at: number | string, timeZone: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
}

export function formatClock(locale: Locale, at: number | string, timeZone: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
}
