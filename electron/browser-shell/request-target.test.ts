import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from './request-target.js';

describe('request targets', () => {
  it('parses origin-form targets', () => {
    const t = parseRequestTarget('/api?token=abc&x=1');
    expect(t?.pathname).toBe('/api');
    expect(t?.searchParams.get('token')).toBe('abc');
    expect(parseRequestTarget('/%E4%BD%A0?a')?.pathname).toBe('/%E4%BD%A0');
  });

  it('refuses what new URL throws on, absolute and authority forms, and nothing', () => {
    for (const raw of ['http://[::1', 'http://127.0.0.1/', '//evil.example/api', '*', 'example.com:443', '', undefined, '\u0000']) {
      expect(parseRequestTarget(raw), String(raw)).toBeNull();
    }
  });
});
