// Bench (not a test) of the timeline store: database growth per hour at 1,000 connections/s of churn and at 40,000
// steady sockets, and the time to rebuild the table at a random second of a 1-hour recording at 40,000 sockets.
// Usage: node bench/timeline.bench.mjs [all|churn|steady|rebuild]
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  logLevel: 'warn',
  configFile: false,
  root,
  build: {
    ssr: true,
    outDir: path.join(root, 'out', 'bench-timeline'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { 'timeline-bench': path.join(root, 'bench', 'timeline-bench-core.ts') },
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith(root),
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
});

const child = fork(path.join(root, 'out', 'bench-timeline', 'timeline-bench.mjs'), process.argv.slice(2), {
  stdio: 'inherit',
  // BENCH_CPU_PROF=DIR: a CPU profile of the run, for `node --cpu-prof`'s usual tools.
  execArgv: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
});
const code = await new Promise((resolve) => child.once('exit', resolve));
process.exit(code ?? 1);
