/** The packaging config locks the Electron binary down with fuses electron-builder 26 knows. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// electron-builder reads its YAML config with js-yaml; the test reads it the same way.
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
// electron-builder's own schema of its config (the version the lockfile pins).
const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, { type: string }> } };
};

describe('electron-builder.yml', () => {
  it('sets the lockdown fuses', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config['asar']).toBe(true); // the integrity fuses mean nothing without an asar
  });

  it('names only options electron-builder 26 has (a misspelt fuse would be ignored, not refused)', () => {
    expect(Object.keys(scheme.properties)).toContain('electronFuses');
    const known = scheme.definitions.FuseOptionsV1.properties;
    for (const [fuse, value] of Object.entries(config['electronFuses'] as Record<string, unknown>)) {
      expect(known[fuse]?.type, fuse).toBe('boolean');
      expect(typeof value).toBe('boolean');
    }
  });
});
