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
