// Bundles the stand-in exporter entry (test-support/exporter-main.ts) into out/metrics-test/, as the CLI build would.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { ROOT } from '../../../test-support/net-fixtures';

/** The bundle's path once built. */
export const EXPORTER_BUNDLE = path.join(ROOT, 'out', 'metrics-test', 'exporter.cjs');

/** Builds the bundle (dependencies stay external, as in scripts/build.mjs). */
export async function buildExporter(): Promise<string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  await build({
    logLevel: 'warn',
    configFile: false,
    root: ROOT,
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      ssr: true,
      outDir: path.dirname(EXPORTER_BUNDLE),
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: { exporter: path.join(__dirname, 'exporter-main.ts') },
        external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  });
  return EXPORTER_BUNDLE;
}
