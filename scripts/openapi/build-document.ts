/**
 * Builds the OpenAPI 3.1 document of the central API from the shared zod schemas
 * (z.toJSONSchema, input side: what a parser accepts) and the operation list. The result
 * is plain JSON, written as YAML by scripts/gen-openapi.ts and read by the contract test.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CENTRAL_API_VERSION } from '../../electron/common/central-api.js';
import { componentSchemas, centralOperations, discriminators, errorStatuses, type CentralOperation, type ErrorStatus } from './central-operations.js';
import type { JsonValue } from './yaml.js';

type JsonObject = { [key: string]: JsonValue };

const INTRO = readFileSync(new URL('./central-intro.md', import.meta.url), 'utf8');
const REF = (name: string) => `#/components/schemas/${name}`;

/**
 * Drops what OpenAPI components do not need ($schema, $id) and the long regular expression
 * zod adds beside `format: date-time` (the format, RFC 3339 date-time, says the same).
 */
function tidy(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue;
    if (key === 'pattern' && value.format === 'date-time') continue;
    out[key] = tidy(v);
  }
  return out;
}

function buildComponents(): { schemas: JsonObject; nameOf: Map<z.ZodType, string> } {
  const registry = z.registry<{ id: string }>();
  const nameOf = new Map<z.ZodType, string>();
  for (const [name, schema] of Object.entries(componentSchemas)) {
    registry.add(schema, { id: name });
    nameOf.set(schema, name);
  }
  const converted = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'input', uri: REF }) as { schemas: JsonObject };
  const schemas: JsonObject = {};
  for (const name of Object.keys(componentSchemas)) {
    const schema = tidy(converted.schemas[name] ?? null) as JsonObject;
    const property = discriminators[name];
    if (property) schemas[name] = { ...schema, discriminator: discriminatorOf(schema, property) };
    else schemas[name] = schema;
  }
  return { schemas, nameOf };
}

/** `discriminator.mapping` from the `const` of each oneOf variant's property. */
function discriminatorOf(schema: JsonObject, property: string): JsonObject {
  const mapping: JsonObject = {};
  for (const variant of (schema.oneOf ?? []) as JsonObject[]) {
    const ref = variant.$ref as string;
    const target = componentSchemas[ref.slice(REF('').length)];
    const converted = target ? (z.toJSONSchema(target, { io: 'input' }) as { properties?: Record<string, { const?: string }> }) : {};
    const value = converted.properties?.[property]?.const;
    if (!value) throw new Error(`discriminator ${property}: variant ${ref} has no const ${property}`);
    mapping[value] = ref;
  }
  return { propertyName: property, mapping };
}

/** A schema as used in an operation: a $ref when it is a component, else inline. */
function schemaRef(schema: z.ZodType, nameOf: Map<z.ZodType, string>): JsonObject {
  const name = nameOf.get(schema);
  if (name) return { $ref: REF(name) };
  return tidy(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonValue) as JsonObject;
}

function errorResponse(status: ErrorStatus): JsonObject {
  return { $ref: `#/components/responses/${errorStatuses[status].retryAfter ? 'Retry' : 'Problem'}${status}` };
}

function buildOperation(op: CentralOperation, nameOf: Map<z.ZodType, string>): JsonObject {
  const out: JsonObject = { operationId: op.operationId, summary: op.summary };
  if (op.parameters.length) {
    out.parameters = op.parameters.map((p) => {
      const param: JsonObject = { name: p.name, in: p.in, required: p.required };
      if (p.description) param.description = p.description;
      param.schema = schemaRef(p.schema, nameOf);
      return param;
    });
  }
  if (op.requestBody) out.requestBody = { required: true, content: { 'application/json': { schema: schemaRef(op.requestBody, nameOf) } } };
  const responses: JsonObject = {
    [String(op.success.status)]: { description: op.success.description, content: { 'application/json': { schema: schemaRef(op.success.schema, nameOf) } } },
  };
  for (const status of [...op.errors].sort((a, b) => a - b)) responses[String(status)] = errorResponse(status);
  out.responses = responses;
  return out;
}

function buildResponses(): JsonObject {
  const problemContent = { 'application/problem+json': { schema: { $ref: REF('Problem') } } };
  const out: JsonObject = {};
  for (const [code, { description, retryAfter }] of Object.entries(errorStatuses)) {
    out[`${retryAfter ? 'Retry' : 'Problem'}${code}`] = retryAfter
      ? { description, headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } }, content: problemContent }
      : { description, content: problemContent };
  }
  return out;
}

export function buildCentralOpenApi(): JsonObject {
  const { schemas, nameOf } = buildComponents();
  const paths: JsonObject = {};
  for (const op of centralOperations) {
    const item = (paths[op.path] ?? {}) as JsonObject;
    item[op.method] = buildOperation(op, nameOf);
    paths[op.path] = item;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Hall kiosk ↔ central verification API', version: `${CENTRAL_API_VERSION.slice(1)}.0.0`, description: INTRO },
    servers: [
      { url: 'https://central.hall.example.gov.cn', description: 'production (mutual TLS)' },
      { url: 'http://127.0.0.1:8787', description: 'loopback simulator' },
    ],
    security: [{ kioskToken: [] }],
    paths,
    components: {
      securitySchemes: {
        kioskToken: { type: 'http', scheme: 'bearer', description: 'Per-kiosk token (plus a mutual-TLS client certificate in production).' },
      },
      headers: {
        RetryAfter: { description: 'seconds, or an HTTP date', required: true, schema: { type: 'string', pattern: '^(?:[0-9]+|[A-Z][a-z]{2}, .+ GMT)$' } },
      },
      responses: buildResponses(),
      schemas,
    },
  };
}
