// Builds every part with Vite: the renderer (web), the Node side (Electron main, collector worker, CLI, server),
// and the sandboxed preload (one self-contained CommonJS file, as Electron's sandbox requires).
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const deps = Object.keys(pkg.dependencies ?? {});
const builtins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const isExternal = (id) =>
  id === 'electron' || builtins.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);
const quiet = { logLevel: 'warn', configFile: false, root, define: { __APP_VERSION__: JSON.stringify(pkg.version) } };

const nodeBuild = (outDir, input, external) => ({
  ...quiet,
  build: {
    ssr: true,
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input,
      external,
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
});

if (want('node')) {
  await build(
    nodeBuild(
      path.join(root, 'out/node'),
      {
        main: path.join(root, 'electron/main/index.ts'),
        cli: path.join(root, 'electron/cli/index.ts'),
        'collector-worker': path.join(root, 'electron/core/collector/worker.ts'),
        helper: path.join(root, 'electron/core/privilege/helper-main.ts'),
      },
      isExternal,
    ),
  );
}
if (want('preload')) {
  // The sandboxed preload may require nothing but 'electron': bundle everything else into it.
  await build({
    ...nodeBuild(path.join(root, 'out/preload'), { preload: path.join(root, 'electron/preload/index.ts') }, [
      'electron',
    ]),
    ssr: { noExternal: true },
  });
}
if (want('renderer')) {
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    ...quiet,
    root: path.join(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: { outDir: path.join(root, 'out/renderer'), emptyOutDir: true, target: 'es2022', sourcemap: true },
  });
}
