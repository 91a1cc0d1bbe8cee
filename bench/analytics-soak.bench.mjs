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
const ask = () =>
  new Promise((resolve) => {
    core.once('message', resolve);
    core.send({ op: 'heap' });
  });
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
/** RSS samples after the first two minutes (warm-up: history and the connection log fill their bounds). */
const settled = [];
const t0 = Date.now();
let n = 0;
const load = setInterval(() => {
  for (let k = 0; k < perSecond / 10; k++) one(n++);
}, 100);
const minute = setInterval(async () => {
  const m = await ask();
  const s = Math.round((Date.now() - t0) / 1000);
  if (s > 120) settled.push(m);
  console.log(
    `${s}s: heap ${mb(m.heap)} MB, rss ${mb(m.rss)} MB, collector rss ${mb(m.collectorRss)} MB, opened ${opened}, failed ${failed}, deltas ${m.deltas}, 10m points ${m.points}`,
  );
}, 60_000);
await new Promise((r) => setTimeout(r, seconds * 1000));
clearInterval(load);
clearInterval(minute);
const end = await ask();
const growth = end.heap - start.heap;
console.log(
  `end after ${seconds}s: heap ${mb(end.heap)} MB (growth ${mb(growth)} MB, bound ${BOUND_MB} MB: ${growth / 1048576 <= BOUND_MB ? 'within' : 'EXCEEDED'}), rss ${mb(end.rss)} MB, opened ${opened} (${Math.round(opened / seconds)}/s), failed ${failed}`,
);
for (const [name, pick] of [
  ['core (serve) rss', (x) => x.rss],
  ['collector rss', (x) => x.collectorRss],
]) {
  if (settled.length < 2) break;
  const first = pick(settled[0]);
  const peak = Math.max(...settled.map(pick));
  const growth = (peak - first) / first;
  console.log(
    `${name} after warm-up: ${mb(first)} -> peak ${mb(peak)} MB (${(growth * 100).toFixed(1)}%; target within 10%: ${growth <= 0.1 ? 'met' : 'NOT met'})`,
  );
}
core.send({ op: 'stop' });
for (const s of servers) s.close();
setTimeout(() => process.exit(growth / 1048576 <= BOUND_MB ? 0 : 1), 500);
