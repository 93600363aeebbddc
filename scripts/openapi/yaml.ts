/**
 * A tiny YAML 1.2 emitter for JSON data (no YAML library is a dependency): block mappings
 * and sequences, plain scalars where YAML reads them back as the same string, JSON
 * double-quoted strings otherwise (a JSON string is a valid YAML double-quoted scalar),
 * literal blocks for multi-line text. Output is deterministic: keys keep insertion order.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** YAML 1.2 reads these plain words as booleans or nulls, not strings. */
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;
/** A first character that is a YAML indicator, a digit or a dot (a number), or white space. */
const UNSAFE_START = /^[\s\-?:,[\]{}#&*!|>'"%@`0-9.+]/;
/** Flow indicators, escapes and control characters: quoted even where YAML would allow them. */
const UNSAFE_ANYWHERE = /[[\]{},\\\u007f\u2028\u2029]|: | #|:$|\s$/;
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20);

/** Plain when YAML reads the word back as this same string; JSON-quoted otherwise. */
function scalarString(s: string): string {
  if (s.length > 0 && !UNSAFE_START.test(s) && !UNSAFE_ANYWHERE.test(s) && !hasControl(s) && !RESERVED.test(s)) return s;
  return JSON.stringify(s);
}

function scalar(value: null | boolean | number | string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return scalarString(value);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`YAML emitter: ${value} is not JSON`);
  return String(value);
}

/** A literal block keeps multi-line text readable; only when YAML reads it back exactly. */
function literalBlock(s: string, indent: string): string | null {
  if (!s.includes('\n') || /^[ \t]|\n[ \t]|[ \t]\n|[ \t]$|\r|\t/.test(s) || s.endsWith('\n\n')) return null;
  const chomp = s.endsWith('\n') ? '' : '-';
  const lines = s.replace(/\n$/, '').split('\n');
  return `|${chomp}\n${lines.map((l) => (l.length ? indent + l : '')).join('\n')}`;
}

function isEmpty(value: JsonValue): boolean {
  return Array.isArray(value) ? value.length === 0 : typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function emitValue(value: JsonValue, indent: string): string {
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
    if (isEmpty(value)) return Array.isArray(value) ? ' []' : ' {}';
    return '\n' + emitNode(value, indent);
  }
  if (typeof value === 'string') {
    const block = literalBlock(value, indent);
    if (block) return ' ' + block;
  }
  return ' ' + scalar(value);
}

function emitNode(value: JsonValue[] | { [key: string]: JsonValue }, indent: string): string {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (typeof item === 'object' && item !== null && !isEmpty(item)) {
          // "- key: v" with the rest of the mapping aligned under the first key.
          const body = emitNode(item, inner);
          return `${indent}- ${body.slice(inner.length)}`;
        }
        return `${indent}-${emitValue(item, inner)}`;
      })
      .join('\n');
  }
  return Object.entries(value)
    .map(([key, v]) => `${indent}${scalarString(key)}:${emitValue(v, inner)}`)
    .join('\n');
}

/** The YAML text of a JSON object, ending in a newline. */
export function toYaml(document: { [key: string]: JsonValue }): string {
  return emitNode(document, '') + '\n';
}
