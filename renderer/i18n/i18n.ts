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
