/** The OpenAPI document and the shared TypeScript contract name the same paths and enums. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { centralPaths, proofType, proofSatisfaction } from '../../../electron/common/central-api.js';

const yaml = readFileSync(fileURLToPath(new URL('../../../assets/api/central.openapi.yaml', import.meta.url)), 'utf8');
const documentedPaths = [...yaml.matchAll(/^ {2}(\/v1\/\S+):$/gm)].map((m) => m[1]);

describe('central.openapi.yaml', () => {
  it('documents every path the client calls, and no other', () => {
    const fromCode = [
      centralPaths.catalog, centralPaths.dataCheck, centralPaths.verifications, centralPaths.verification('{verificationId}'),
      centralPaths.queueState('{queue}'), centralPaths.appointments('{idHash}'), centralPaths.entitlements('{idHash}'),
      centralPaths.applications('{idHash}'), centralPaths.heartbeat, centralPaths.recordsBatch,
    ].map(decodeURIComponent);
    expect(new Set(documentedPaths)).toEqual(new Set(fromCode));
  });

  it('lists the same proof types and satisfactions as the zod schemas', () => {
    expect(yaml).toContain(`ProofType: { type: string, enum: [${proofType.options.join(', ')}] }`);
    expect(yaml).toContain(`ProofSatisfaction: { type: string, enum: [${proofSatisfaction.options.join(', ')}] }`);
  });

  it('states the ID hash rule and the mutual-TLS note', () => {
    expect(yaml).toMatch(/HMAC-SHA256\(hallIdHashKey/);
    expect(yaml).toMatch(/Mutual TLS/);
  });
});
