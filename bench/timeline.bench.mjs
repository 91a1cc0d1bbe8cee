// Bench (not a test) of the timeline store: database growth per hour at 1,000 connections/s of churn and at 40,000
// steady sockets, and the time to rebuild the table at a random second of a 1-hour recording at 40,000 sockets.
// Usage: node bench/timeline.bench.mjs [all|churn|steady|rebuild]
import { fork } from 'node:child_process';
import { buildBenchEntry } from './harness.mjs';

const entry = await buildBenchEntry('timeline-bench-core', 'es');

const child = fork(entry, process.argv.slice(2), {
  stdio: 'inherit',
  // BENCH_CPU_PROF=DIR: a CPU profile of the run, for `node --cpu-prof`'s usual tools.
  execArgv: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
});
const code = await new Promise((resolve) => child.once('exit', resolve));
process.exit(code ?? 1);
