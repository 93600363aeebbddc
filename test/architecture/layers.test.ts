/**
 * The layer rules (eslint.config.js) must really fire: lint small virtual files placed in
 * each layer's folder and check which imports are refused. `npm run lint` then applies
 * the same rules to the whole tree.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('refuse Node, Electron and native modules in the renderer', async () => {
    for (const spec of ['node:fs', 'fs', 'path', 'electron', 'better-sqlite3', 'serialport', '../../electron/core/kiosk-core.js']) {
      const problems = await restrictedImports('renderer/screens/Bad.tsx', `import x from '${spec}';\nexport default x;\n`);
      expect(problems, spec).toHaveLength(1);
    }
  });

  it('allow the renderer the common contract', async () => {
    const problems = await restrictedImports(
      'renderer/screens/Good.tsx',
      "import { kioskContract } from '../../electron/common/contract.js';\nexport default kioskContract;\n",
    );
    expect(problems).toEqual([]);
  });

  it('refuse electron in the core and in native drivers, but allow Node', async () => {
    expect(await restrictedImports('electron/core/bad.ts', "import { app } from 'electron';\nexport default app;\n")).toHaveLength(1);
    expect(await restrictedImports('native/idcard/bad.ts', "import { app } from 'electron';\nexport default app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/core/good.ts', "import fs from 'node:fs';\nexport default fs;\n")).toEqual([]);
  });

  it('keep the common layer free of Node', async () => {
    expect(await restrictedImports('electron/common/bad.ts', "import fs from 'node:fs';\nexport default fs;\n")).toHaveLength(1);
  });

  it('keep the preload away from the core', async () => {
    expect(
      await restrictedImports('electron/preload/bad.ts', "import { KioskCore } from '../core/kiosk-core.js';\nexport default KioskCore;\n"),
    ).toHaveLength(1);
  });
});

describe('the kiosk never imports scripts/', () => {
  const demo = '../../scripts/sim/demo.js';
  const fromImport = `import { startDemo } from '${demo}';\nexport default startDemo;\n`;
  const fromTypeImport = `import type { RunningDemo } from '${demo}';\nexport type T = RunningDemo;\n`;
  const fromLiteralImport = `export const load = () => import('${demo}');\n`;

  it('refuse scripts/ in the core, both shells and common, statically or by a literal import()', async () => {
    for (const file of ['electron/core/bad.ts', 'electron/core/startup/bad.ts', 'electron/main/bad.ts', 'electron/browser-shell/bad.ts', 'electron/common/bad.ts']) {
      for (const code of [fromImport, fromTypeImport]) {
        expect(await restrictedImports(file, code), `${file}: ${code}`).toEqual([expect.stringContaining('the kiosk never imports scripts/')]);
      }
      const [result] = await eslint.lintText(fromLiteralImport, { filePath: file });
      expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message), file)
        .toEqual([expect.stringContaining('the kiosk never imports scripts/')]);
    }
  });

  it('still refuse electron in the core and the browser shell alongside it', async () => {
    expect(await restrictedImports('electron/browser-shell/bad.ts', "import { app } from 'electron';\nexport default app;\n")).toHaveLength(1);
  });

  it('allow a path computed at run time, and scripts/ in the tools and tests', async () => {
    const computed = "import path from 'node:path';\nexport const load = (root: string) => import(path.join(root, 'scripts', 'sim', 'demo.ts'));\n";
    const [result] = await eslint.lintText(computed, { filePath: 'electron/browser-shell/good.ts' });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-imports')).toEqual([]);
    expect(await restrictedImports('test/support/good.ts', fromImport)).toEqual([]);
    expect(await restrictedImports('scripts/bench/good.ts', fromImport.replace('../../scripts/', '../'))).toEqual([]);
  });
});
