/** The committed OpenAPI document is the generated one, and it covers what the kiosk calls. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { centralPaths } from '../../electron/common/central-api.js';
import { facePaths } from '../../electron/common/central-face.js';
import { identityPaths } from '../../electron/common/central-identity.js';
import { buildCentralOpenApi } from './build-document.js';
import { centralOpenApiYaml } from './central-yaml.js';

const committed = readFileSync(fileURLToPath(new URL('../../assets/api/central.openapi.yaml', import.meta.url)), 'utf8');

describe('assets/api/central.openapi.yaml', () => {
  it('is exactly what `npm run -s gen:openapi` generates from the zod schemas (it cannot drift)', () => {
    expect(committed === centralOpenApiYaml(), 'the committed spec is stale: run `npm run -s gen:openapi` and commit it').toBe(true);
  });

  it('documents every path the client calls, and no other', () => {
    const fromClient = [
      centralPaths.catalog, centralPaths.dataCheck, centralPaths.verifications, centralPaths.verification('{verificationId}'),
      centralPaths.queueState('{queue}'), centralPaths.appointments('{idHash}'), centralPaths.entitlements('{idHash}'),
      centralPaths.applications('{idHash}'), centralPaths.heartbeat, centralPaths.recordsBatch,
      facePaths.faceVerify,
      identityPaths.identityResolve, identityPaths.appointmentCheckIn,
    ].map(decodeURIComponent);
    expect(new Set(Object.keys(buildCentralOpenApi().paths as object))).toEqual(new Set(fromClient));
  });

  it('carries the bounds the kiosk enforces (the fuzzing run found them missing)', () => {
    const { schemas } = (buildCentralOpenApi().components as { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> });
    expect(schemas.MatterProof!.properties.promisedMinutes).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(schemas.CatalogResponse!.properties.version).toMatchObject({ type: 'integer', minimum: 0 });
    expect(schemas.HeartbeatRequest!.properties.oldestPendingAgeMs).toEqual({ anyOf: [{ type: 'number', minimum: 0 }, { type: 'null' }] });
    expect(schemas.VerificationRequest!.properties.applicationId).toMatchObject({ type: 'string', minLength: 1 });
    expect(schemas.FaceVerifyRequest!.properties.frames).toMatchObject({ type: 'array', minItems: 1, maxItems: 3 });
    expect(schemas.TicketRecord!.properties.seq).toMatchObject({ type: 'integer', exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER });
  });

  it('ties each record payload to its kind with a discriminator', () => {
    const { schemas } = (buildCentralOpenApi().components as { schemas: Record<string, unknown> });
    expect(schemas.SyncRecord).toMatchObject({
      discriminator: { propertyName: 'kind', mapping: { ticket: '#/components/schemas/TicketRecord', evaluation: '#/components/schemas/EvaluationRecord' } },
    });
  });

  it('states the ID hash rule and the mutual-TLS note', () => {
    expect(committed).toMatch(/HMAC-SHA256\(hallIdHashKey/);
    expect(committed).toMatch(/Mutual TLS/);
  });
});
