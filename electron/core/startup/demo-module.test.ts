import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DemoUnavailableError, loadDemoModule } from './demo-module.js';

const dir = mkdtempSync(path.join(tmpdir(), 'demo-module-'));

describe('loading the demo composition', () => {
  it('refuses a demo config where the installation has no demo bundle, naming the keys and where it looked', async () => {
    const missing = path.join(dir, 'demo.mjs');
    const error = await loadDemoModule([missing], ['devices.printer', 'central.url']).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DemoUnavailableError);
    expect((error as Error).message).toContain('devices.printer, central.url name a simulator');
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toContain('name the real devices');
  });

  it('loads startDemo from the first candidate that exists', async () => {
    const file = path.join(dir, 'present.mjs');
    writeFileSync(file, 'export async function startDemo(config) { return { config, notes: ["from the test bundle"], close: async () => {} }; }\n');
    const startDemo = await loadDemoModule([path.join(dir, 'absent.mjs'), file], ['central.url']);
    expect((await startDemo({} as never, {})).notes).toEqual(['from the test bundle']);
  });

  it('says so when the file does not export startDemo', async () => {
    const file = path.join(dir, 'wrong.mjs');
    writeFileSync(file, 'export const nothing = 1;\n');
    await expect(loadDemoModule([file], ['central.url'])).rejects.toThrow(/does not export startDemo/);
  });
});
