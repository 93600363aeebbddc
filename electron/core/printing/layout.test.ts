import { describe, expect, it } from 'vitest';
import { displayWidth, formatHallTime, labelValue, wrap } from './layout.js';

describe('print layout helpers', () => {
  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('A023')).toBe(4);
    expect(displayWidth('取号A1')).toBe(6);
    expect(displayWidth('￥𠀀')).toBe(4);
  });

  it('wraps by columns, keeps ASCII runs whole and never starts a line with closing punctuation', () => {
    expect(wrap('请留意叫号屏和广播', 8)).toEqual(['请留意叫', '号屏和广', '播']);
    expect(wrap('扫码 https://a.cn/x', 12)).toEqual(['扫码 ', 'https://a.cn', '/x']);
    expect(wrap('一二三，四', 6)).toEqual(['一二三，', '四']);
    expect(wrap('一二三四五六', 6, '  ')).toEqual(['一二三', '  四五', '  六']);
  });

  it('spreads label and value across the line, or stacks them when they do not fit', () => {
    expect(labelValue('前面：', '5 人', 16)).toEqual(['前面：      5 人']);
    expect(labelValue('自助机编号：', 'XH-KIOSK-0001', 20)).toEqual(['自助机编号：', 'XH-KIOSK-0001']);
  });

  it('prints the hall time zone (China Standard Time by default) whatever the machine time zone', () => {
    expect(formatHallTime(Date.UTC(2026, 10, 23, 16, 30))).toBe('2026-11-24 00:30');
    expect(formatHallTime(Date.UTC(2026, 0, 1, 0, 5))).toBe('2026-01-01 08:05');
    expect(formatHallTime(Date.UTC(2026, 0, 1, 0, 5), 'Asia/Urumqi')).toBe('2026-01-01 06:05');
  });
});
