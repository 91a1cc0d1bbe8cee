// Builds a test-support entry into one CommonJS file under out/test-probes/, for child processes that must run the
// product's TypeScript as another user or be killed with SIGKILL (dependencies stay in node_modules).
import path from 'node:path';
import { build } from 'vite';
import { ROOT } from './net-fixtures';

/** Builds electron/test-support/<name>.ts and returns the path of the .cjs to run with node. */
export async function buildProbe(name: string): Promise<string> {
  const outDir = path.join(ROOT, 'out', 'test-probes');
  await build({
    logLevel: 'warn',
    configFile: false,
    root: ROOT,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: { [name]: path.join(ROOT, 'electron', 'test-support', `${name}.ts`) },
        external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith(ROOT),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  });
  return path.join(outDir, `${name}.cjs`);
}
