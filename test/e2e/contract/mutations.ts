/**
 * Invalid requests made from valid ones, guided by the JSON schema so that each is
 * invalid by the spec itself: a required property removed, or a property given a JSON
 * type its schema does not allow. Each mutation says where it struck (a dotted path).
 */
import fc from 'fast-check';
import type { JsonSchema, SchemaReader } from './schema-arbitrary.js';

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** The JSON types a schema admits (integer ⊂ number). */
export function allowedTypes(reader: SchemaReader, input: JsonSchema): Set<JsonType> {
  const schema = reader.resolve(input);
  const out = new Set<JsonType>();
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants) for (const v of variants) for (const t of allowedTypes(reader, v)) out.add(t);
  const consts = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : [];
  for (const c of consts) out.add(typeOf(c));
  for (const type of [schema.type].flat()) if (typeof type === 'string') out.add(type as JsonType);
  if (out.has('number')) out.add('integer');
  return out;
}

export function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

const SAMPLES: Array<[JsonType, unknown]> = [
  ['string', 'x'], ['integer', 7], ['number', 1.5], ['boolean', true], ['null', null], ['array', []], ['object', {}],
];

interface Site { path: string[]; parent: Record<string, unknown>; key: string; schema: JsonSchema; required: boolean }

/** The variant of a oneOf/anyOf that a value is an instance of (by JSON type and `const` properties). */
function variantFor(reader: SchemaReader, schema: JsonSchema, value: unknown): JsonSchema | null {
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (!variants) return schema;
  for (const v of variants.map((x) => reader.resolve(x))) {
    if (!allowedTypes(reader, v).has(typeOf(value))) continue;
    const props = (v.properties ?? {}) as Record<string, JsonSchema>;
    const consts = Object.entries(props).filter(([, p]) => 'const' in p);
    if (consts.every(([k, p]) => (value as Record<string, unknown>)[k] === p.const)) return variantFor(reader, v, value);
  }
  return null;
}

/** Every object property in `value`, with its schema. */
function sites(reader: SchemaReader, input: JsonSchema, value: unknown, path: string[] = []): Site[] {
  const schema = variantFor(reader, reader.resolve(input), value);
  if (!schema) return [];
  if (Array.isArray(value) && schema.items) return value.flatMap((item, i) => sites(reader, schema.items as JsonSchema, item, [...path, String(i)]));
  if (typeof value !== 'object' || value === null || !schema.properties) return [];
  const props = schema.properties as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const record = value as Record<string, unknown>;
  return Object.entries(props).flatMap(([key, propSchema]) => {
    const here: Site = { path: [...path, key], parent: record, key, schema: propSchema, required: required.has(key) };
    return key in record ? [here, ...sites(reader, propSchema, record[key], [...path, key])] : required.has(key) ? [here] : [];
  });
}

export interface Mutation { body: unknown; where: string; what: 'missing' | 'wrong-type' }

/** An arbitrary invalid variant of `valid` (null when the body has nothing to break). */
export function mutate(reader: SchemaReader, schema: JsonSchema, valid: unknown): fc.Arbitrary<Mutation> | null {
  const candidates = sites(reader, schema, valid).flatMap((site) => {
    const allowed = allowedTypes(reader, site.schema);
    // No type at all ({}) admits anything: nothing is a wrong type there.
    const wrong = allowed.size === 0 ? [] : SAMPLES.filter(([t]) => !allowed.has(t));
    const out: Array<{ site: Site; what: Mutation['what']; replacement?: unknown }> = [];
    if (site.required) out.push({ site, what: 'missing' });
    for (const [, sample] of wrong) out.push({ site, what: 'wrong-type', replacement: sample });
    return out;
  });
  if (!candidates.length) return null;
  return fc.constantFrom(...candidates).map(({ site, what, replacement }) => {
    const original = site.key in site.parent ? site.parent[site.key] : undefined;
    if (what === 'missing') delete site.parent[site.key];
    else site.parent[site.key] = replacement;
    const body = structuredClone(valid);
    if (original === undefined) delete site.parent[site.key];
    else site.parent[site.key] = original;
    return { body, where: site.path.join('.'), what };
  });
}
