// Benchmark: `netinspect list --json` against `ss -tanp` and `netstat -tanp` at 40,000 TCP sockets (alternating
// runs, medians, ratios), and the collector's steady-state refresh against a full (cold) snapshot.
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkHolder, median } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const holders = Number(process.env.BENCH_HOLDERS ?? 5);
const pairsPerHolder = Number(process.env.BENCH_PAIRS ?? 4000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const cli = path.join(root, 'bin', 'netinspect.cjs');
const worker = path.join(root, 'out', 'node', 'collector-worker.cjs');
if (!existsSync(worker))
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'node'], { stdio: 'inherit' });

const have = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Wall time of one whole process, output discarded the way a pipe to /dev/null does. */
function timeCommand(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`));
      else resolve(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  });
}

/** Drives a collector process directly: returns per-refresh durations measured inside it (ms). */
async function collectorDurations(ticks) {
  const child = fork(worker, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let id = 0;
  const ask = (op) =>
    new Promise((resolve, reject) => {
      const my = ++id;
      const on = (m) => {
        if (m.id !== my) return;
        child.off('message', on);
        if (m.ok) resolve(m.value);
        else reject(new Error(m.error.message));
      };
      child.on('message', on);
      child.send({ id: my, op });
    });
  await new Promise((r) => child.once('message', r));
  const full = await ask('full');
  const steady = [];
  for (let i = 0; i < ticks; i++) steady.push((await ask('tick')).stats.durationMs);
  child.kill();
  return { full: full.stats.durationMs, socketCount: full.stats.socketCount, steady };
}

async function main() {
  console.log(`bench: starting ${holders} holders x ${pairsPerHolder} connection pairs ...`);
  const children = await Promise.all(Array.from({ length: holders }, () => forkHolder(pairsPerHolder)));
  try {
    const count = execFileSync('ss', ['-tanH'], { maxBuffer: 1 << 28 })
      .toString()
      .trim()
      .split('\n').length;
    console.log(`bench: ${count} TCP sockets on the machine (ss -tanH)`);
    const contenders = [['netinspect list --json', process.execPath, [cli, 'list', '--json']]];
    if (have('ss')) contenders.push(['ss -tanp', 'ss', ['-tanp']]);
    if (have('netstat')) contenders.push(['netstat -tanp', 'netstat', ['-tanp']]);
    const times = new Map(contenders.map(([name]) => [name, []]));
    for (const [, cmd, args] of contenders) await timeCommand(cmd, args); // warm caches once
    for (let i = 0; i < runs; i++) {
      for (const [name, cmd, args] of contenders) times.get(name).push(await timeCommand(cmd, args));
    }
    const ours = median(times.get('netinspect list --json'));
    console.log(`\nfull snapshot with owners, whole process, median of ${runs} alternating runs:`);
    for (const [name] of contenders) {
      const m = median(times.get(name));
      const ratio =
        name === 'netinspect list --json' ? '' : `  ratio netinspect/${name.split(' ')[0]} = ${(ours / m).toFixed(2)}`;
      console.log(`  ${name.padEnd(24)} ${m.toFixed(0).padStart(6)} ms${ratio}`);
    }
    const c = await collectorDurations(runs);
    const steady = median(c.steady);
    console.log(`\ninside the collector process (${c.socketCount} sockets):`);
    console.log(`  first (cold) snapshot     ${c.full.toFixed(1).padStart(6)} ms`);
    console.log(`  steady-state refresh      ${steady.toFixed(1).padStart(6)} ms (median of ${runs}; nothing changed)`);
    console.log(`  ratio steady/cold = ${(steady / c.full).toFixed(2)} (target < 0.25)`);
    console.log(`  ratio steady/netinspect list = ${(steady / ours).toFixed(2)}`);
  } finally {
    for (const ch of children) ch.kill();
  }
}

await main();
