// Builds TypeScript entries into CommonJS files under out/, for child processes that must run the product's code as
// another user, be killed with SIGKILL, or run under plain `node` (dependencies stay in node_modules).
import path from 'node:path';
import { build } from 'vite';
import { ROOT } from './net-fixtures';

/** Bundles `entries` (name -> .ts path) into `outDir`; each becomes `<name>.cjs`. */
export async function bundleForNode(
  entries: Record<string, string>,
  outDir: string,
  emptyOutDir = false,
): Promise<void> {
  await build({
    logLevel: 'warn',
    configFile: false,
    root: ROOT,
    build: {
      ssr: true,
      outDir,
      emptyOutDir,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: entries,
        external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith(ROOT),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  });
}

/** Builds electron/test-support/<name>.ts and returns the path of the .cjs to run with node. */
export async function buildProbe(name: string): Promise<string> {
  const outDir = path.join(ROOT, 'out', 'test-probes');
  await bundleForNode({ [name]: path.join(ROOT, 'electron', 'test-support', `${name}.ts`) }, outDir);
  return path.join(outDir, `${name}.cjs`);
}
