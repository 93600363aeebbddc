/** The YAML emitter, against hand-written YAML (never its own output). */
import { describe, expect, it } from 'vitest';
import { toYaml } from './yaml.js';

describe('toYaml', () => {
  it('writes nested mappings and sequences in block style', () => {
    expect(toYaml({ a: { b: 1, c: [true, null] }, d: [{ e: 'x', f: 2 }, []], g: {} })).toBe(
      ['a:', '  b: 1', '  c:', '    - true', '    - null', 'd:', '  - e: x', '    f: 2', '  - []', 'g: {}', ''].join('\n'),
    );
  });

  it('quotes strings YAML would read as something else', () => {
    const doc = { yes: 'no', num: '200', v: '3.1.0', ref: '#/x', colon: 'a: b', flow: '^[0-9a-f]{64}$', dash: '-x', empty: '', space: 'x ', neg: '-1' };
    expect(toYaml(doc)).toBe(
      ['"yes": "no"', 'num: "200"', 'v: "3.1.0"', 'ref: "#/x"', 'colon: "a: b"', 'flow: "^[0-9a-f]{64}$"', 'dash: "-x"', 'empty: ""', 'space: "x "', 'neg: "-1"', ''].join('\n'),
    );
  });

  it('quotes control characters and YAML 1.1 booleans', () => {
    expect(toYaml({ c: 'a\u0001b', o: 'off', t: 'tab\tx' })).toBe('c: "a\\u0001b"\no: "off"\nt: "tab\\tx"\n');
  });

  it('keeps plain words plain, Chinese included', () => {
    expect(toYaml({ '/v1/catalog': 'Status of a department verification', 'application/json': '数据查验 — 即时' })).toBe(
      '/v1/catalog: Status of a department verification\napplication/json: 数据查验 — 即时\n',
    );
  });

  it('writes multi-line text as a literal block, with the right chomping', () => {
    expect(toYaml({ d: 'one\n\ntwo\n', e: 'x\ny' })).toBe('d: |\n  one\n\n  two\ne: |-\n  x\n  y\n');
  });

  it('falls back to a quoted string when a literal block would change the text', () => {
    expect(toYaml({ d: ' lead\nx' })).toBe('d: " lead\\nx"\n');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => toYaml({ x: Number.NaN })).toThrow(/not JSON/);
  });
});
