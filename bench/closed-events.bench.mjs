// Benchmark: loopback churn (default 2,000 connections/s for 60 s, in two generator processes) against the kernel
// event sources as the collector holds them (a 1 s tick that first blocks for 300 ms, like a snapshot): closed
// events received vs made, traced transitions received vs expected, what the kernel lost, and their CPU.
// Connections use an address of their own in 127/8 so nothing else on the machine is counted, and by default end
// with RST (resetAndDestroy) so the run leaves no TIME_WAIT sockets behind for other tools to dump;
// BENCH_CLOSE=fin closes them with FINs instead (10 transitions each; keep that run short: TIME_WAIT piles up).
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildBenchEntry } from './harness.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rate = Number(process.env.BENCH_RATE ?? 2000);
const generators = Number(process.env.BENCH_GENERATORS ?? 2);
const blockMs = Number(process.env.BENCH_BLOCK_MS ?? 300);
const address = `127.77.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
const closeWith = process.env.BENCH_CLOSE === 'fin' ? 'fin' : 'rst';
/**
 * Per connection, as the tracer test measured them. RST: client CLOSE>SYN_SENT>ESTABLISHED>CLOSE, server
 * LISTEN>SYN_RECV>ESTABLISHED>CLOSE. FIN: client ... ESTABLISHED>FIN_WAIT_1>FIN_WAIT_2>CLOSE, server ...
 * ESTABLISHED>CLOSE_WAIT>LAST_ACK>CLOSE.
 */
const TRANSITIONS_PER_CONNECTION = closeWith === 'fin' ? 10 : 6;

const entry = await buildBenchEntry('closed-events-core');

/** One generator: listeners on `address`, `perSecond` clients a second that send 100 bytes, read 100, reset. */
const GENERATOR = `
const net = require('node:net');
const [addr, perSecond, seconds, closeWith] = process.argv.slice(2).map((v, i) => (i === 0 || i === 3 ? v : Number(v)));
let made = 0, closed = 0, errors = 0, inFlight = 0;
(async () => {
  const servers = await Promise.all([0, 1, 2, 3].map(() => new Promise((r) => {
    const s = net.createServer({ allowHalfOpen: true }, (c) => {
      c.on('error', () => {});
      c.on('data', () => c.write(Buffer.alloc(100)));
      c.on('end', () => c.end());
    });
    s.listen(0, addr, () => r(s));
  })));
  const ports = servers.map((s) => s.address().port);
  const one = (i) => {
    inFlight++;
    const c = net.connect({ port: ports[i % 4], host: addr, localAddress: addr }, () => { made++; c.write(Buffer.alloc(100)); });
    c.on('data', () => (closeWith === 'fin' ? c.end() : c.resetAndDestroy()));
    c.resume();
    c.on('error', () => errors++);
    c.on('close', () => { closed++; inFlight--; });
  };
  let n = 0;
  const t0 = Date.now();
  const load = setInterval(() => {
    const due = Math.floor(((Date.now() - t0) / 1000) * perSecond);
    // Bounded in flight, so an overloaded machine slows the rate rather than piling up sockets.
    while (n < due && inFlight < 2000) one(n++);
  }, 10);
  const report = setInterval(() => process.send({ made, closed, errors }), 1000);
  setTimeout(() => {
    clearInterval(load);
    const done = setInterval(() => {
      if (inFlight > 0) return;
      clearInterval(done); clearInterval(report);
      for (const s of servers) s.close();
      process.send({ made, closed, errors, final: true });
    }, 50);
  }, seconds * 1000);
})();
`;

const core = fork(entry, [address, String(blockMs)], {
  execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(path.dirname(entry), 'prof')}`] : [],
});
const ready = await new Promise((r) => core.once('message', r));
for (const s of ready.ready) console.log(`source ${s.source}: ${s.on ? 'on' : `off (${s.reason?.message})`}`);
const ticks = [];
core.on('message', (m) => m.tick && ticks.push(m.tick));

console.log(
  `bench: ${rate} connections/s for ${seconds} s on ${address}, closed with ${closeWith.toUpperCase()}, ${generators} generators, tick block ${blockMs} ms`,
);
const generatorFile = path.join(path.dirname(entry), 'churn-generator.cjs');
writeFileSync(generatorFile, GENERATOR);
const gens = Array.from({ length: generators }, () =>
  fork(generatorFile, [address, String(rate / generators), String(seconds), closeWith]),
);
const last = gens.map(() => ({ made: 0, closed: 0, errors: 0 }));
const finals = gens.map(
  (g, i) =>
    new Promise((resolve) =>
      g.on('message', (m) => {
        last[i] = m;
        if (m.final) resolve(m);
      }),
    ),
);
const progress = setInterval(() => {
  const made = last.reduce((n, m) => n + m.made, 0);
  const t = ticks.at(-1);
  console.log(
    `${ticks.length}s: connections made ${made}; last tick: closed ${t?.closed ?? 0}, transitions ${t?.transitions ?? 0}, lost closed ${t?.closedLost ?? 0} / trace ${t?.traceLost ?? 0}`,
  );
}, 10_000);
await Promise.all(finals);
clearInterval(progress);
for (const g of gens) g.kill();
await new Promise((r) => setTimeout(r, 1500));
core.send({ op: 'stop' });
const { summary } = await new Promise((r) => core.on('message', (m) => m.summary && r(m)));
const made = last.reduce((n, m) => n + m.made, 0);
const errors = last.reduce((n, m) => n + m.errors, 0);
const [closedStatus, traceStatus] = summary.status;
console.log('');
console.log(`connections made: ${made} (${Math.round(made / seconds)}/s), connect errors ${errors}`);
console.log(
  `closed events: received ${summary.closed} of ${2 * made} expected (2 per connection); kernel lost ${closedStatus.lost}${closedStatus.lostExact ? '' : ' (at least)'}`,
);
if (traceStatus.on || traceStatus.delivered > 0)
  console.log(
    `traced transitions: received ${summary.transitions} of ${TRANSITIONS_PER_CONNECTION * made} expected; lost ${traceStatus.lost}${traceStatus.lostExact ? '' : ' (at least)'}`,
  );
else console.log(`tracing off: ${traceStatus.reason?.message}`);
const cpu = summary.readerMsPerS + summary.drainMsPerS;
console.log(
  `event sources' CPU: ${cpu.toFixed(1)} ms per second (${(cpu / 10).toFixed(1)} % of one core): reader threads ${summary.readerMsPerS.toFixed(1)} ms/s, drains on the tick ${summary.drainMsPerS.toFixed(1)} ms/s; rss ${summary.rssMb.toFixed(0)} MB`,
);
const ok = summary.closed === 2 * made && closedStatus.lost === 0;
process.exit(ok ? 0 : 1);
