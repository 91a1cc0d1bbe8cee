// Bench target: the collector's refresh as CollectorState runs it (snapshot, kernel events, diff), each phase timed,
// so the diff (where byte rates are computed) shows next to the whole refresh. Driven over IPC by rates.bench.mjs.
import { SocketDiffer } from '../shared/logic/socket-differ';
import { rate } from '../shared/logic/socket-derive';
import { createPlatform } from '../electron/core/platform/index';

const platform = createPlatform();
const collector = platform.createSocketCollector();
const events = platform.openSocketEvents();
const differ = new SocketDiffer();
let previous = new Set<unknown>();
/** Each socket's byte counters at the previous refresh, and when: what a rate is computed from. */
let counters = new Map<string, readonly [number | null, number | null]>();
let countersAt = 0;

interface Phases {
  snapshot: number;
  events: number;
  diff: number;
  /** The rate fields alone, for the sockets the diff changed (an upper bound: a look-up each, then two rates). */
  rates: number;
  total: number;
  changed: number;
  sockets: number;
  fresh: number;
  added: number;
  removed: number;
}

/** One refresh, in CollectorState.tick's order. */
function tick(): Phases {
  const t0 = performance.now();
  const snap = collector.snapshot();
  const t1 = performance.now();
  events?.noteSockets(snap.sockets);
  events?.drain(snap.takenAt);
  const t2 = performance.now();
  let fresh = 0;
  for (const r of snap.sockets) if (!previous.has(r)) fresh++;
  previous = new Set(snap.sockets);
  const t2b = performance.now();
  const d = differ.next(snap.sockets, snap.takenAt);
  const t3 = performance.now();
  let sum = 0;
  const dt = snap.takenAt - countersAt;
  for (const s of d.changed) {
    const before = counters.get(s.key);
    if (!before) continue;
    sum += rate(before[0], s.metrics?.bytesSent ?? null, dt) ?? 0;
    sum += rate(before[1], s.metrics?.bytesReceived ?? null, dt) ?? 0;
  }
  const t4 = performance.now();
  if (sum < 0) throw new Error('a negative rate');
  counters = new Map(
    [...differ.table.values()].map((s) => [s.key, [s.metrics?.bytesSent ?? null, s.metrics?.bytesReceived ?? null]]),
  );
  countersAt = snap.takenAt;
  return {
    rates: t4 - t3,
    snapshot: t1 - t0,
    events: t2 - t1,
    diff: t3 - t2b,
    fresh,
    total: t3 - t0,
    changed: d.changed.length + d.added.length,
    added: d.added.length,
    removed: d.removed.length,
    sockets: differ.table.size,
  };
}

process.on('message', (m: { op: 'tick' } | { op: 'stop' }) => {
  if (m.op === 'stop') {
    events?.close();
    collector.close();
    process.exit(0);
  }
  process.send?.({ phases: tick() });
});
tick();
process.send?.({ ready: true });
