import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserShellCsp, ELECTRON_CSP, PAGE_META_CSP } from './csp.js';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d] as const));

describe('the one kiosk CSP', () => {
  it("is the built page's meta tag, word for word", () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(PAGE_META_CSP);
  });

  it('differs between the shells only in where the page may connect', () => {
    const electron = directives(ELECTRON_CSP);
    const browser = directives(browserShellCsp('http://127.0.0.1:5000'));
    expect(electron.get('connect-src')).toBe("connect-src 'none'");
    expect(browser.get('connect-src')).toBe("connect-src 'self' ws://127.0.0.1:5000");
    electron.delete('connect-src');
    browser.delete('connect-src');
    expect([...browser]).toEqual([...electron]);
    expect(electron.get('script-src')).toBe("script-src 'self'");
    expect(ELECTRON_CSP).not.toContain('unsafe-eval');
    expect(electron.get('frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it('leaves out of the meta tag only what a meta tag cannot carry', () => {
    const meta = directives(PAGE_META_CSP);
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.get('connect-src')).toBe("connect-src 'self' ws://127.0.0.1:*");
    expect(meta.get('object-src')).toBe("object-src 'none'");
  });
});
