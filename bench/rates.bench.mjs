// Benchmark: what byte rates cost a steady refresh at 40,000 sockets. The collector's refresh (as CollectorState runs
// it: snapshot, kernel events, diff) is timed with no traffic, then with a share of the connections having sent a
// little since the previous refresh (their tcp_info counters move and their rates are computed), alternating A B;
// the diff, where rates are computed, is timed on its own. The senders write between refreshes and are idle during
// them, so their CPU does not slow the refresh measured. `ss -tani` (tcp_info too) runs in the same rounds for scale.
import { execFileSync, fork, spawn } from 'node:child_process';
import path from 'node:path';
import { buildBenchEntry, forkHolder, median } from './harness.mjs';

const holders = Number(process.env.BENCH_HOLDERS ?? 5);
const pairsPerHolder = Number(process.env.BENCH_PAIRS ?? 4000);
const ticks = Number(process.env.BENCH_TICKS ?? 7);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
/** Share of the client sockets that send; their peers receive, so twice as many sockets move. */
const share = Number(process.env.BENCH_SHARE ?? 0.1);

const entry = await buildBenchEntry('rates-core');

function timeSs() {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('ss', ['-tani'], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

const fmt = (ms) => `${ms.toFixed(1).padStart(7)} ms`;

async function main() {
  console.log(`bench: starting ${holders} holders x ${pairsPerHolder} connection pairs ...`);
  const children = await Promise.all(Array.from({ length: holders }, () => forkHolder(pairsPerHolder)));
  const core = fork(entry, [], {
    stdio: 'inherit',
    execArgv: process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${path.join(path.dirname(entry), 'prof')}`]
      : [],
  });
  try {
    await new Promise((r) => core.once('message', r));
    await new Promise((r) => setTimeout(r, 200));
    const count = execFileSync('ss', ['-tanH'], { maxBuffer: 1 << 28 })
      .toString()
      .trim()
      .split('\n').length;
    console.log(
      `bench: ${count} TCP sockets on the machine (ss -tanH); load ${execFileSync('uptime').toString().trim()}`,
    );
    const ask = (msg, reply) =>
      new Promise((resolve) => {
        const on = (m) => {
          if (!(reply in m)) return;
          core.off('message', on);
          resolve(m[reply]);
        };
        core.on('message', on);
        core.send(msg);
      });
    const pulse = () =>
      Promise.all(
        children.map(
          (h) =>
            new Promise((resolve) => {
              const on = (m) => m?.pulsed && (h.off('message', on), resolve());
              h.on('message', on);
              h.send({ pulse: { share, bytes: 100 } });
            }),
        ),
      );
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    /** `n` refreshes 500 ms apart; with `moving`, the senders write (and finish) before each. */
    const run = async (n, moving) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        if (moving) await pulse();
        await sleep(moving ? 300 : 500);
        out.push(await ask({ op: 'tick' }, 'phases'));
      }
      return out;
    };
    const results = { quiet: [], moving: [] };
    const ss = [];
    await run(2, false); // warm: the owner cache, the first diff
    for (let r = 0; r < rounds; r++) {
      await run(2, false); // the refresh where moving sockets fall idle is a change too: let it pass
      results.quiet.push(...(await run(ticks, false)));
      ss.push(await timeSs());
      await run(1, true); // the first refresh with traffic sees counters move; rates come from the second on
      results.moving.push(...(await run(ticks, true)));
      ss.push(await timeSs());
    }
    const m = (xs, k) => median(xs.map((x) => x[k]));
    const q = results.quiet;
    const t = results.moving;
    console.log(
      `\nsteady refresh inside the collector (${m(q, 'sockets')} sockets), median of ${q.length} refreshes each, A B alternating:`,
    );
    console.log(`                         snapshot    events      diff     rates     total   changed/refresh`);
    for (const [name, xs] of [
      ['no traffic', q],
      [`${Math.round(share * 100)}% of pairs moving`, t],
    ]) {
      console.log(
        `  ${name.padEnd(22)}${fmt(m(xs, 'snapshot'))}${fmt(m(xs, 'events'))}${fmt(m(xs, 'diff'))}${fmt(m(xs, 'rates'))}${fmt(m(xs, 'total'))}   ${m(xs, 'changed')} (new objects ${m(xs, 'fresh')}, added ${m(xs, 'added')}, removed ${m(xs, 'removed')})`,
      );
    }
    const added = m(t, 'total') / m(q, 'total') - 1;
    console.log(
      `\n  with traffic / without: ${(1 + added).toFixed(3)} (+${(added * 100).toFixed(1)}% per refresh: the changed sockets' new versions, rates or not)`,
    );
    console.log(
      `  the diff with traffic: ${((m(t, 'diff') / m(t, 'total')) * 100).toFixed(1)}% of the refresh; the rates in it: ${((m(t, 'rates') / m(t, 'total')) * 100).toFixed(2)}% (target: rates add < 10%)`,
    );
    console.log(`  ss -tani (whole process, same rounds): ${fmt(median(ss))}`);
  } finally {
    core.send({ op: 'stop' });
    for (const ch of children) ch.kill();
  }
}

await main();
