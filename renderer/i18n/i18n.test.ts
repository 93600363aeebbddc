/** Every screen speaks both languages, and every step has a recorded prompt. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN.js';
import { en } from './en.js';
import { formatDuration, messageKeyOr, translate } from './i18n.js';
import { VOICE_PROMPTS } from '../voice/prompts.js';

describe('i18n', () => {
  it('has an English text for every key, with the same placeholders', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(en[key], key).toBeTruthy();
      const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(en[key]), key).toEqual(params(zhCN[key]));
    }
  });

  it('says an unknown notice code in general words of its level', () => {
    expect(translate('zh-CN', messageKeyOr('notice.printer-paper-out', 'notice.warning'))).toBe('打印机缺纸，已为您生成电子号');
    expect(translate('zh-CN', messageKeyOr('notice.something-new', 'notice.warning'))).toBe(zhCN['notice.warning']);
  });

  it('says durations the way people do', () => {
    expect(formatDuration('zh-CN', 60)).toBe('1 小时');
    expect(formatDuration('zh-CN', 1440)).toBe('1 天');
    expect(formatDuration('en', 90)).toBe('90 min');
  });

  it('has a recorded prompt for every step in both languages', () => {
    for (const id of VOICE_PROMPTS) {
      expect(zhCN[`voice.${id}`]).toBeTruthy();
      for (const locale of ['zh-CN', 'en']) expect(existsSync(`assets/audio/${locale}/${id}.wav`), `${locale}/${id}`).toBe(true);
    }
  });
});
