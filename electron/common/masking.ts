/**
 * Masking for screen and paper. A citizen standing at a kiosk is watched by the queue
 * behind them: show only enough to recognise one's own card.
 */

/** 18-character ID: first 3 and last 4 visible ("330***********123X"); shorter numbers keep first 1 and last 2. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length === 0) return '';
  const [head, tail] = s.length >= 15 ? [3, 4] : s.length > 4 ? [1, 2] : [0, 0];
  if (head + tail === 0) return '*'.repeat(s.length);
  return s.slice(0, head) + '*'.repeat(s.length - head - tail) + s.slice(s.length - tail);
}

/** Keep the first character (the family name in most cases): 张三 → 张*, 欧阳明华 → 欧***. Latin names keep the first letter of each word. */
export function maskName(name: string): string {
  const s = name.trim();
  if (!s) return '';
  if (/^[\x20-\x7e]+$/.test(s)) {
    return s
      .split(/\s+/)
      .map((w) => (w.length ? w[0] + '*'.repeat(w.length - 1) : w))
      .join(' ');
  }
  const chars = [...s];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
