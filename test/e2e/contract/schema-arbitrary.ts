/**
 * fast-check arbitraries of the values a JSON schema (the subset z.toJSONSchema writes)
 * allows, read from the generated OpenAPI document, so the contract test sends what the
 * spec says, not what the code under test would make. Sizes are kept small on purpose.
 * A keyword this reader does not know is an error: silently ignoring a bound would
 * generate requests the spec forbids and blame the server for refusing them.
 */
import fc from 'fast-check';

export type JsonSchema = { [key: string]: unknown };

const KNOWN = new Set([
  '$ref', 'type', 'enum', 'const', 'anyOf', 'oneOf', 'discriminator', 'properties', 'required', 'additionalProperties',
  'propertyNames', 'items', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'description',
]);

const SAFE = Number.MAX_SAFE_INTEGER;

export class SchemaReader {
  constructor(private readonly components: Record<string, JsonSchema>) {}

  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    const target = this.components[ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`unresolved $ref ${ref}`);
    return this.resolve(target);
  }

  /** Values the schema allows. */
  valid(input: JsonSchema): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`schema keyword ${key} is not supported by the generator`);
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
    if (variants) return fc.oneof(...variants.map((v) => this.valid(v)));
    if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((type) => this.valid({ ...schema, type })));
    switch (schema.type) {
      case 'string': return this.string(schema);
      case 'integer': return integer(schema);
      case 'number': return number(schema);
      case 'boolean': return fc.boolean();
      case 'null': return fc.constant(null);
      case 'array': return this.array(schema);
      case 'object': return this.object(schema);
      default: throw new Error(`schema type ${JSON.stringify(schema.type)} is not supported by the generator`);
    }
  }

  private string(schema: JsonSchema): fc.Arbitrary<string> {
    if (schema.format === 'date-time') {
      return fc.tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), fc.boolean())
        .map(([d, offset]) => (offset ? new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00') : d.toISOString()));
    }
    if (schema.format !== undefined) throw new Error(`string format ${String(schema.format)} is not supported by the generator`);
    const minLength = (schema.minLength as number | undefined) ?? 0;
    const maxLength = Math.min((schema.maxLength as number | undefined) ?? minLength + 24, minLength + 24);
    if (typeof schema.pattern === 'string') {
      const re = new RegExp(schema.pattern);
      return fc.stringMatching(re).filter((s) => s.length >= minLength && s.length <= ((schema.maxLength as number | undefined) ?? Infinity));
    }
    return fc.string({ minLength, maxLength, unit: fc.oneof(fc.constantFrom('a', 'Z', '9', '-', ' ', '号', '%', '/', '"'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) });
  }

  private array(schema: JsonSchema): fc.Arbitrary<unknown[]> {
    const minLength = (schema.minItems as number | undefined) ?? 0;
    const maxLength = Math.min((schema.maxItems as number | undefined) ?? minLength + 3, minLength + 3);
    return fc.array(this.valid(schema.items as JsonSchema), { minLength, maxLength });
  }

  private object(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = (schema.required ?? []) as string[];
    const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, this.valid(v)]));
    const fixed = fc.record(model, { requiredKeys: required });
    const extra = schema.additionalProperties;
    if (typeof extra !== 'object' || extra === null) return fixed;
    return fc.tuple(fixed, fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), this.valid(extra as JsonSchema), { maxKeys: 3 }))
      .map(([known, more]) => ({ ...more, ...known }));
  }
}

function integer(schema: JsonSchema): fc.Arbitrary<number> {
  let min = Math.max(-SAFE, (schema.minimum as number | undefined) ?? -SAFE);
  if (typeof schema.exclusiveMinimum === 'number') min = Math.max(min, Math.floor(schema.exclusiveMinimum) + 1);
  let max = Math.min(SAFE, (schema.maximum as number | undefined) ?? SAFE);
  if (typeof schema.exclusiveMaximum === 'number') max = Math.min(max, Math.ceil(schema.exclusiveMaximum) - 1);
  const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) });
  return fc.oneof({ arbitrary: small, weight: 4 }, { arbitrary: fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number), weight: 1 }, fc.constantFrom(min, max));
}

function number(schema: JsonSchema): fc.Arbitrary<number> {
  const min = (schema.minimum as number | undefined) ?? -1e12;
  const max = (schema.maximum as number | undefined) ?? 1e12;
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
}

/** A JSON value of a different JSON type than `value` (a wrong-type field). */
export function otherTypeThan(value: unknown): fc.Arbitrary<unknown> {
  const kinds: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', fc.string({ maxLength: 6 })],
    ['number', fc.oneof(fc.integer(), fc.constant(1.5))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.constant([])],
    ['object', fc.constant({})],
  ];
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return fc.oneof(...kinds.filter(([k]) => k !== kind).map(([, a]) => a));
}
