// Bench target: the collector's refresh as CollectorState runs it (snapshot, kernel events, diff), each phase timed,
// so the diff (where byte rates are computed) shows next to the whole refresh. Driven over IPC by rates.bench.mjs.
import { SocketDiffer } from '../shared/logic/diff';
import { createPlatform } from '../electron/core/platform/index';

const platform = createPlatform();
const collector = platform.createSocketCollector();
const events = platform.openSocketEvents();
const differ = new SocketDiffer();

interface Phases {
  snapshot: number;
  events: number;
  diff: number;
  total: number;
  changed: number;
  sockets: number;
}

/** One refresh, in CollectorState.tick's order. */
function tick(): Phases {
  const t0 = performance.now();
  const snap = collector.snapshot();
  const t1 = performance.now();
  events?.noteSockets(snap.sockets);
  events?.drain(snap.takenAt);
  const t2 = performance.now();
  const d = differ.next(snap.sockets, snap.takenAt);
  const t3 = performance.now();
  return {
    snapshot: t1 - t0,
    events: t2 - t1,
    diff: t3 - t2,
    total: t3 - t0,
    changed: d.changed.length + d.added.length,
    sockets: differ.table.size,
  };
}

process.on('message', (m: { op: 'ticks'; n: number; gapMs: number } | { op: 'stop' }) => {
  if (m.op === 'stop') {
    events?.close();
    collector.close();
    process.exit(0);
  }
  void (async () => {
    const out: Phases[] = [];
    for (let i = 0; i < m.n; i++) {
      await new Promise((r) => setTimeout(r, m.gapMs));
      out.push(tick());
    }
    process.send?.({ phases: out });
  })();
});
tick();
process.send?.({ ready: true });
