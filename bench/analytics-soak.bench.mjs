// Soak (not a test): core under ~1,000 loopback connections opened and closed per second for SOAK_SECONDS (default
// 600), printing core's heap (after GC) at start, every minute and at the end against the stated history bound.
import { fork } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { buildBenchEntry } from './harness.mjs';

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const perSecond = Number(process.env.SOAK_RATE ?? 1000);
/** History bound stated in electron/core/history/history-store.ts (series ~4.7 MB + breakdown <= 9.6 MB). */
const BOUND_MB = 14.3;

const entry = await buildBenchEntry('analytics-soak-core');

const core = fork(entry, [], { execArgv: ['--expose-gc'] });
await new Promise((r) => core.once('message', r));
// One question at a time: the minute sample and the 10 s RSS samples share the channel.
let asking = Promise.resolve();
const ask = (op = 'heap') => {
  const answer = asking.then(
    () =>
      new Promise((resolve) => {
        core.once('message', resolve);
        core.send({ op });
      }),
  );
  asking = answer;
  return answer;
};
const mb = (b) => (b / 1048576).toFixed(1);

// Four listeners, so connections spread over several 4-tuple spaces. Most connections end with RST (no TIME_WAIT),
// one in ten with FIN from the client: ~6,000 TIME_WAIT at steady state, like a busy client, without exhausting
// the ephemeral range.
const servers = await Promise.all(
  [0, 1, 2, 3].map(
    () =>
      new Promise((resolve) => {
        const s = net.createServer((c) => c.on('error', () => {}));
        s.listen(0, '127.0.0.1', () => resolve(s));
      }),
  ),
);
const ports = servers.map((s) => s.address().port);
let opened = 0;
let failed = 0;
function one(i) {
  const c = net.connect(ports[i % ports.length], '127.0.0.1', () => {
    opened++;
    if (i % 10 === 0) c.end();
    else c.resetAndDestroy();
  });
  c.on('error', () => failed++);
}

const start = await ask();
console.log(
  `start: heap ${mb(start.heap)} MB, rss ${mb(start.rss)} MB, collector rss ${mb(start.collectorRss)} MB (bound for history: ${BOUND_MB} MB; load ${os.loadavg()[0].toFixed(2)})`,
);
/** RSS every 10 s, with the second it was taken at. */
const rss = [];
const t0 = Date.now();
let n = 0;
const load = setInterval(() => {
  for (let k = 0; k < perSecond / 10; k++) one(n++);
}, 100);
const sampler = setInterval(async () => {
  const m = await ask('rss');
  rss.push({ s: (Date.now() - t0) / 1000, ...m });
}, 10_000);
// core's heap after GC at the end of warm-up (2 minutes): the table, the Connections log and the kernel evidence
// windows are full by then; what the heap gains after it is history, which BOUND_MB bounds.
let warmHeap = null;
const minute = setInterval(async () => {
  const m = await ask();
  const s = Math.round((Date.now() - t0) / 1000);
  if (s >= 120 && warmHeap === null) warmHeap = m.heap;
  console.log(
    `${s}s: heap ${mb(m.heap)} MB, rss ${mb(m.rss)} MB, collector rss ${mb(m.collectorRss)} MB, opened ${opened}, failed ${failed}, deltas ${m.deltas}, 10m points ${m.points}`,
  );
}, 60_000);
await new Promise((r) => setTimeout(r, seconds * 1000));
clearInterval(load);
clearInterval(minute);
clearInterval(sampler);
const end = await ask();
// Before the end of warm-up there is nothing to hold against the history bound: growth from the start then.
const growth = end.heap - (warmHeap ?? start.heap);
console.log(
  `end after ${seconds}s: heap ${mb(end.heap)} MB (${mb(end.heap - start.heap)} MB more than at the start; ` +
    `${warmHeap === null ? 'since the start' : `since the end of warm-up (${mb(warmHeap)} MB)`} ${mb(growth)} MB, ` +
    `history bound ${BOUND_MB} MB: ${growth / 1048576 <= BOUND_MB ? 'within' : 'EXCEEDED'}), rss ${mb(end.rss)} MB, ` +
    `opened ${opened} (${Math.round(opened / seconds)}/s), failed ${failed}`,
);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const medianOf = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Warm-up: the first two minutes (history rings, the Connections log and the kernel evidence windows fill their
// bounds). Its level is the median of the samples of minutes 3 to 5; flat means no later sample strays more than
// 10 % from it, and the last ten minutes average what the first ten after warm-up did (no trend).
const warm = rss.filter((x) => x.s > 120);
const level = warm.filter((x) => x.s <= 300);
for (const [name, pick] of [
  ['core (serve) rss', (x) => x.rss],
  ['collector rss', (x) => x.collectorRss],
]) {
  if (level.length < 3) break;
  const ref = medianOf(level.map(pick));
  const values = warm.map(pick);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const off = Math.max(hi - ref, ref - lo) / ref;
  const span = Math.min(600, (warm.at(-1).s - warm[0].s) / 2);
  const early = mean(warm.filter((x) => x.s < warm[0].s + span).map(pick));
  const late = mean(warm.filter((x) => x.s > warm.at(-1).s - span).map(pick));
  console.log(
    `${name} after warm-up (${values.length} samples at 10 s): level ${mb(ref)} MB (median of minutes 3-5), ` +
      `range ${mb(lo)}-${mb(hi)} MB (at most ${(off * 100).toFixed(1)}% off; target within 10%: ${off <= 0.1 ? 'met' : 'NOT met'}); ` +
      `mean of the first ${(span / 60).toFixed(1)} min ${mb(early)} MB, of the last ${mb(late)} MB (${(((late - early) / early) * 100).toFixed(1)}%); ` +
      `first sample ${mb(values[0])} -> peak ${mb(hi)} MB (${(((hi - values[0]) / values[0]) * 100).toFixed(1)}%)`,
  );
}
core.send({ op: 'stop' });
for (const s of servers) s.close();
setTimeout(() => process.exit(growth / 1048576 <= BOUND_MB ? 0 : 1), 500);
