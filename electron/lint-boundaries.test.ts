// The folder rules are enforced, not remembered: ESLint with the project's own config fires on each forbidden import
// (linted as text at a path inside the tree, so the resolver sees the real files) and stays quiet on allowed ones.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
let eslint: ESLint;

/** The rule ids ESLint reports for `code` as if it were the file at `file` (relative to the repo root). */
async function rulesFired(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe('folder boundaries', () => {
  const paths = 'import-x/no-restricted-paths';
  const imports = 'no-restricted-imports';
  const cases: [string, string, string, string | null][] = [
    ['core imports a front door', 'electron/core/probe.ts', "import '../server/serve';", paths],
    ['core imports the CLI', 'electron/core/platform/probe.ts', "import '../../cli/cli-core';", paths],
    ['ffi imports platform', 'electron/core/ffi/probe.ts', "import '../platform/platform';", paths],
    ['ffi imports the rest of core', 'electron/core/ffi/probe.ts', "import '../app-core';", paths],
    ['shared imports node:fs', 'shared/logic/probe.ts', "import 'node:fs';", imports],
    ['shared imports core', 'shared/logic/probe.ts', "import '../../electron/core/version';", paths],
    ['a feature reaches into another', 'renderer/src/features/sockets/probe.ts', "import '../actions/RowMenu';", paths],
    ['a feature imports the window root', 'renderer/src/features/sockets/probe.ts', "import '../../App';", paths],
    ['production code imports test helpers', 'electron/core/probe.ts', "import '../test-support/ws-rpc';", paths],
    ['shared code imports test fixtures', 'shared/logic/probe.ts', "import '../test-support/sockets';", paths],
    ['koffi outside ffi', 'electron/core/platform/probe.ts', "import 'koffi';", imports],
    ['electron in core', 'electron/core/probe.ts', "import 'electron';", imports],
    // Allowed: each must stay quiet, or the cases above could pass for the wrong reason.
    [
      'a feature uses another one through its index',
      'renderer/src/features/sockets/probe.ts',
      "import '../actions/index';",
      null,
    ],
    ['a test imports test helpers', 'electron/core/probe.test.ts', "import '../test-support/ws-rpc';", null],
    ['ffi imports koffi', 'electron/core/ffi/probe.ts', "import 'koffi';", null],
    ['a front door imports core', 'electron/server/probe.ts', "import '../core/app-core';", null],
    ['core imports shared', 'electron/core/probe.ts', "import '../../shared/contract';", null],
  ];
  it.each(cases)('%s: %s', async (_name, file, code, rule) => {
    const fired = await rulesFired(file, `${code}\n`);
    if (rule === null) expect(fired).toEqual([]);
    else expect(fired).toContain(rule);
  });
});
