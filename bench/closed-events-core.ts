// Bench target: the kernel event sources as the collector holds them, ticking once a second with a synchronous
// block (the collector's own snapshot work) before each drain; prints one JSON line per tick and a summary.
import { readFileSync } from 'node:fs';
import { KernelEvents } from '../electron/core/platform/linux/kernel-events';

const [address, blockArg] = process.argv.slice(2);
const blockMs = Number(blockArg ?? 300);
const events = KernelEvents.open();
/** The bench's connections (both ends, and a reset client whose port the kernel zeroed); not its listeners. */
const mine = (e: { readonly remoteAddress: string }): boolean => e.remoteAddress === address;

/** CPU time of this process's main thread (ms): /proc/self/task/<pid>/stat utime + stime, in USER_HZ ticks. */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

let closed = 0;
let transitions = 0;
let failed = 0;
let drainMs = 0;
const cpuStart = process.cpuUsage();
const mainStart = mainThreadCpuMs();
const t0 = performance.now();

function drain(): ReturnType<KernelEvents['drain']> {
  const started = performance.now();
  const d = events.drain();
  drainMs += performance.now() - started;
  return d;
}

function tick(): void {
  // The collector's snapshot: synchronous work during which nothing on this thread can read a socket.
  const until = performance.now() + blockMs;
  while (performance.now() < until);
  const d = drain();
  const c = d.closed.filter(mine).length;
  const t = d.transitions.filter(mine).length;
  closed += c;
  transitions += t;
  failed += d.failedConnects.length;
  const [cs, st] = events.status();
  process.send?.({ tick: { closed: c, transitions: t, closedLost: cs.lost, traceLost: st.lost, traceOn: st.on } });
}

const timer = setInterval(tick, 1000);
process.on('message', (m: { op: string }) => {
  if (m.op !== 'stop') return;
  clearInterval(timer);
  // Whatever is still in flight: a few more ticks without the block.
  let rounds = 0;
  const tail = setInterval(() => {
    const d = drain();
    closed += d.closed.filter(mine).length;
    transitions += d.transitions.filter(mine).length;
    if (++rounds < 5) return;
    clearInterval(tail);
    const cpu = process.cpuUsage(cpuStart);
    const mainMs = mainThreadCpuMs() - mainStart;
    const wallMs = performance.now() - t0;
    // Everything but the main thread is the reader threads (and V8's helpers); on the main thread, the drains.
    const otherThreadsMs = (cpu.user + cpu.system) / 1000 - mainMs;
    const status = events.status();
    events.close();
    process.send?.({
      summary: {
        closed,
        transitions,
        failed,
        status,
        wallMs,
        readerMsPerS: otherThreadsMs / (wallMs / 1000),
        drainMsPerS: drainMs / (wallMs / 1000),
        rssMb: process.memoryUsage().rss / 1048576,
      },
    });
    setTimeout(() => process.exit(0), 100);
  }, 500);
});
process.send?.({ ready: events.status() });
