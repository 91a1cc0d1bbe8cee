// Benchmark: a cold owner scan of /proc at 40,000 sockets (5 holders x 4,000 connection pairs), fd directories
// listed versus big dense fd tables read by number, alternating, with a socket dump's worth of work in between.
import { fork } from 'node:child_process';
import { buildBenchEntry, startHolders } from './harness.mjs';

const entry = await buildBenchEntry('owner-scan-core');
const children = await startHolders(Number(process.env.BENCH_HOLDERS ?? 5), Number(process.env.BENCH_PAIRS ?? 4000));
try {
  await new Promise((resolve, reject) => {
    const run = fork(entry, [], { stdio: 'inherit' });
    run.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`owner scan exited ${code}`))));
  });
} finally {
  for (const c of children) c.kill();
}
