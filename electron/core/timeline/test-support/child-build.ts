// Builds the recorder child (TypeScript) into out/, so a plain `node` can run it and find node_modules.
import path from 'node:path';
import { build } from 'vite';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Path of the built recorder child (CommonJS; libsql stays external and loads from node_modules). */
export async function buildRecorderChild(): Promise<string> {
  const outDir = path.join(ROOT, 'out', 'timeline-test-child');
  await build({
    logLevel: 'warn',
    configFile: false,
    root: ROOT,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: { 'recorder-child': path.join(__dirname, 'recorder-child.ts') },
        external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  });
  return path.join(outDir, 'recorder-child.cjs');
}
