// Bench target: the collector's refresh as CollectorState runs it (snapshot, kernel events, diff), each phase timed,
// so the diff (where byte rates are computed) shows next to the whole refresh. Driven over IPC by rates.bench.mjs.
import { SocketDiffer } from '../shared/logic/diff';
import { createPlatform } from '../electron/core/platform/index';

const platform = createPlatform();
const collector = platform.createSocketCollector();
const events = platform.openSocketEvents();
const differ = new SocketDiffer();
let previous = new Set<unknown>();

interface Phases {
  snapshot: number;
  events: number;
  diff: number;
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
  return {
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
