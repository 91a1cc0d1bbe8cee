// Builds every part with Vite: the renderer (web), the Node side (Electron main, collector worker, CLI, server),
// and the sandboxed preload (one self-contained CommonJS file, as Electron's sandbox requires).
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { execFileSync, fork } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBundle } from './node-bundle.mjs';
import { serviceNames } from './service-names.mjs';

// Always what ships: Vite takes NODE_ENV from the environment, and a caller's NODE_ENV=test (vitest's, inherited by
// the integration setup that builds first) made the renderer a React development build: twice the CPU per frame,
// sorts of 50,000 rows in seconds, and e2e tests run against a build no user gets.
process.env.NODE_ENV = 'production';

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
  ...nodeBundle({
    root,
    outDir,
    input,
    external,
    sourcemap: true,
    output: { chunkFileNames: 'chunks/[name]-[hash].cjs' },
  }),
  define: quiet.define,
});

/**
 * Dependencies the CLI bundle leaves to node_modules: native addons (and what only they load), Electron, and ws's
 * optional native helpers. Everything else is inlined, so a command loads one file instead of some 200.
 */
const CLI_EXTERNAL = ['koffi', 'libsql', 'electron', 'bufferutil', 'utf-8-validate'];
const cliExternal = (id) => builtins.includes(id) || CLI_EXTERNAL.some((d) => id === d || id.startsWith(`${d}/`));

if (want('node')) {
  await build(
    nodeBuild(
      path.join(root, 'out/node'),
      {
        main: path.join(root, 'electron/main/index.ts'),
        helper: path.join(root, 'electron/core/privilege/helper-main.ts'),
      },
      isExternal,
    ),
  );
  // The CLI is one file of its own: what a command does not use (the server, metrics) stays in lazily run parts of
  // it, and V8's code cache for it (below) spares compiling it on every start.
  const cli = nodeBuild(path.join(root, 'out/node'), { cli: path.join(root, 'electron/cli/index.ts') }, cliExternal);
  cli.build.emptyOutDir = false;
  cli.build.rollupOptions.output.codeSplitting = false;
  await build({ ...cli, ssr: { noExternal: true } });
  writeCodeCache(path.join(root, 'out/node/cli.cjs'));
  // The collector process: one file of its own too, started on every app, serve and recorder start, and forked
  // through a small entry that runs it from its code cache. Loading its parts and their dependencies from
  // node_modules (zod alone is some 60 ms) and compiling them took 130-160 ms from fork to ready; 85 ms this way.
  const collector = nodeBuild(
    path.join(root, 'out/node'),
    { collector: path.join(root, 'electron/core/collector/worker.ts') },
    cliExternal,
  );
  collector.build.emptyOutDir = false;
  collector.build.rollupOptions.output.codeSplitting = false;
  await build({ ...collector, ssr: { noExternal: true } });
  writeFileSync(
    path.join(root, 'out/node/collector-worker.cjs'),
    [
      '// Entry of the collector process (written by scripts/build.mjs): its bundle, run from its code cache.',
      "require('../../bin/code-cache.cjs').runWithCodeCache(require('node:path').join(__dirname, 'collector.cjs'), module);",
      '',
    ].join('\n'),
  );
  await writeCollectorCodeCache(path.join(root, 'out/node/collector-worker.cjs'));
  // `list`'s fast path, which the launcher tries before the bundle: the table service's client and nothing else.
  const warm = nodeBuild(
    path.join(root, 'out/node'),
    { 'warm-list': path.join(root, 'electron/cli/warm-list.ts') },
    cliExternal,
  );
  warm.build.emptyOutDir = false;
  warm.build.rollupOptions.output.codeSplitting = false;
  await build({ ...warm, ssr: { noExternal: true } });
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
    plugins: [react(), serviceNames()],
    build: { outDir: path.join(root, 'out/renderer'), emptyOutDir: true, target: 'es2022', sourcemap: true },
  });
}

/**
 * Makes `<file>.cache`, V8's code cache for the bundle, by running the command once (`--version` loads every module
 * a command loads) through the launcher, which writes the cache of what it compiled. The launcher uses the cache
 * only when V8 accepts it (same V8, same flags, same source); a stale or foreign one is compiled past.
 */
function writeCodeCache(file) {
  rmSync(`${file}.cache`, { force: true });
  execFileSync(process.execPath, [path.join(root, 'bin', 'netinspect.cjs'), '--version'], {
    env: { ...process.env, NETINSPECT_WRITE_CODE_CACHE: '1' },
    stdio: 'ignore',
  });
}

/**
 * Makes the collector's code cache by running it through one whole table and one refresh, as core asks, so that
 * the cache holds what a collector compiles for its first tables. Where the collector cannot run (no /proc), there
 * is no cache, and the collector compiles as it starts.
 */
async function writeCollectorCodeCache(entry) {
  rmSync(path.join(path.dirname(entry), 'collector.cjs.cache'), { force: true });
  const child = fork(entry, [], {
    serialization: 'advanced',
    env: { ...process.env, NETINSPECT_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const answered = (id) =>
    new Promise((resolve) => {
      const on = (m) => {
        // A whole table's parts come ahead of its reply; only the reply ends the request.
        if (m?.id !== id || 'part' in m) return;
        child.off('message', on);
        resolve();
      };
      child.on('message', on);
      child.send({ id, op: id === 1 ? 'full' : 'tick' });
    });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    await Promise.race([new Promise((resolve) => child.once('message', resolve)), exited]);
    await Promise.race([answered(1).then(() => answered(2)), exited]);
  } finally {
    clearTimeout(timer);
    if (child.connected) child.disconnect();
    await exited;
  }
}
