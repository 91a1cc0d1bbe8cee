// Benchmark: the collector's steady refresh at 40,000 unchanged TCP sockets, with byte rates, kernel ages and the
// kernel's event sources on (as the app runs it), against a cold (first) snapshot in the same process.
import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchEntry, load, median, percentile, startHolders } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const holders = Number(process.env.BENCH_HOLDERS ?? 5);
const pairsPerHolder = Number(process.env.BENCH_PAIRS ?? 4000);
const ticks = Number(process.env.BENCH_TICKS ?? 20);
const worker = path.join(root, 'out', 'node', 'collector-worker.cjs');
if (!existsSync(worker))
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'node'], { stdio: 'inherit' });

/** Drives a collector process as core does, one refresh a second: durations measured inside it (ms). */
async function collectorDurations() {
  const child = fork(worker, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let id = 0;
  const ask = (op) =>
    new Promise((resolve, reject) => {
      const my = ++id;
      const on = (m) => {
        // A whole table's sockets come in parts ahead of its reply (collector/protocol.ts): only the reply counts.
        if (m.id !== my || 'part' in m) return;
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
  let last = full;
  for (let i = 0; i < ticks; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    last = await ask('tick');
    steady.push(last.stats.durationMs);
  }
  child.disconnect();
  return {
    full: full.stats.durationMs,
    socketCount: full.stats.socketCount,
    steady,
    sources: last.stats.kernelSources,
  };
}

async function main() {
  console.log(`bench: starting ${holders} holders x ${pairsPerHolder} connection pairs ...`);
  const children = await startHolders(holders, pairsPerHolder);
  try {
    const c = await collectorDurations();
    const p50 = median(c.steady);
    console.log(`\ninside the collector process (${c.socketCount} sockets; load ${load()}):`);
    const on = c.sources.map((k) => `${k.source} ${k.on ? 'on' : 'off'}`).join(', ') || 'none on this OS';
    console.log(`  kernel event sources: ${on}`);
    console.log(`  first (cold) snapshot     ${c.full.toFixed(1).padStart(7)} ms`);
    console.log(
      `  steady refresh, ${ticks} at 1 s: median ${p50.toFixed(1)} ms, p90 ${percentile(c.steady, 90).toFixed(1)} ms, max ${Math.max(...c.steady).toFixed(1)} ms`,
    );
    // The floor, on the same sockets right after: the kernel's part of each refresh, which nothing decoded leaves.
    const floor = JSON.parse(
      execFileSync(process.execPath, [await buildBenchEntry('sockdiag-floor-core'), String(ticks)]).toString(),
    );
    const f50 = median(floor.ms);
    console.log(
      `  the kernel's dump alone (the same request, ${floor.sockets} sockets received, nothing decoded): median ${f50.toFixed(1)} ms, p90 ${percentile(floor.ms, 90).toFixed(1)} ms = ${((100 * f50) / p50).toFixed(0)} % of the refresh, ${((100 * f50) / 60).toFixed(0)} % of the 60 ms target`,
    );
    if (floor.splitMs.length > 0) {
      const s50 = median(floor.splitMs);
      console.log(
        `  the same dump split in two halves at once, as the collector dumps it (nothing decoded): median ${s50.toFixed(1)} ms, p90 ${percentile(floor.splitMs, 90).toFixed(1)} ms = ${((100 * s50) / p50).toFixed(0)} % of the refresh`,
      );
    } else console.log('  (no split dump: this table has no port split that divides it)');
    const ratio = p50 / c.full;
    console.log(
      `  => steady / cold = ${ratio.toFixed(3)} (target <= 0.1: ${ratio <= 0.1 ? 'met' : 'NOT met'}); median ${p50.toFixed(1)} ms (target < 60 ms: ${p50 < 60 ? 'met' : 'NOT met'})`,
    );
  } finally {
    for (const ch of children) ch.kill();
  }
}

await main();
