// Live socket table: snapshot on subscribe, one delta per tick, recent-change marks and closed rows that linger.
import { applyDelta } from '../../../shared/logic/diff';
import { serviceTableFromCompact } from '../../../shared/logic/services';
import type { SocketDelta } from '../../../shared/model/snapshot';
import type { Socket } from '../../../shared/model/socket';
import { flushSocketDeltas, host, linkSocketTable } from '../api';
import { TableJournal } from './table-journal';
import type { Slice, SocketsSlice } from './types';

/** How long a row stays highlighted, and a closed row stays visible (ms). */
export const HIGHLIGHT_MS = 3000;
/** Wait before retrying a failed subscribe (ms). */
const RESUBSCRIBE_DELAY_MS = 3000;

export const createSocketsSlice: Slice<SocketsSlice> = (set, get) => {
  // A delta's changed sockets arrive field by field in browser mode: they apply to the versions held here.
  linkSocketTable({
    previous: (key) => get().table.get(key),
    resync: () => void get().subscribe(),
    accepting: () => !subscribing,
    seq: () => get().seq,
  });
  // Deltas that arrive while a subscribe is in flight; applied after its snapshot, in order.
  let buffered: SocketDelta[] = [];
  let subscribing = false;

  const apply = (d: SocketDelta) => {
    const { table, ghosts, changes, processes, journal } = get();
    const now = Date.now();
    for (const key of d.removed) {
      const old = table.get(key);
      if (old) ghosts.set(key, old);
      changes.set(key, { kind: 'removed', at: now });
    }
    applyDelta(table, d);
    for (const s of d.added) {
      ghosts.delete(s.key);
      changes.set(s.key, { kind: 'added', at: now });
    }
    for (const s of d.changed) {
      // A brand-new row that changes at once (first bytes, rtt) stays "new" for its whole highlight.
      const prev = changes.get(s.key);
      if (prev?.kind !== 'added') changes.set(s.key, { kind: 'changed', at: now });
    }
    for (const p of d.processes) processes.set(p.pid, p);
    const version = get().version + 1;
    journal.record(version, [...d.removed, ...d.added.map((s) => s.key), ...d.changed.map((s) => s.key)]);
    set({ seq: d.seq, version, marks: get().marks + 1 });
  };

  return {
    table: new Map(),
    ghosts: new Map(),
    changes: new Map(),
    processes: new Map(),
    services: new Map(),
    version: 0,
    journal: new TableJournal(),
    marks: 0,
    ready: false,
    seq: -1,
    now: Date.now(),

    async subscribe() {
      if (subscribing) return;
      subscribing = true;
      buffered = [];
      const r = await host.bridge.invoke('sockets:subscribe', {});
      subscribing = false;
      if (!r.ok) {
        get().pushError(r.error);
        setTimeout(() => void get().subscribe(), RESUBSCRIBE_DELAY_MS);
        return;
      }
      const snap = r.value;
      const table = new Map<string, Socket>();
      for (const s of snap.sockets) table.set(s.key, s);
      set({
        table,
        processes: new Map(snap.processes.map((p) => [p.pid, p])),
        ghosts: new Map(),
        changes: new Map(),
        seq: snap.seq,
        ready: true,
        version: get().version + 1,
      });
      const later = buffered.filter((d) => d.seq > snap.seq).sort((a, b) => a.seq - b.seq);
      buffered = [];
      for (const d of later) get().receiveDelta(d);
      flushSocketDeltas();
    },

    receiveDelta(d) {
      if (subscribing) {
        buffered.push(d);
        return;
      }
      const { ready, seq } = get();
      if (!ready || d.seq <= seq) return;
      if (d.seq !== seq + 1) {
        // A gap means a delta was lost: the table can no longer be trusted, start over from a snapshot.
        void get().subscribe();
        buffered.push(d);
        return;
      }
      apply(d);
    },

    sweep(now) {
      const { changes, ghosts, journal } = get();
      let dropped = false;
      const gone: string[] = [];
      for (const [key, c] of changes) {
        if (now - c.at < HIGHLIGHT_MS) continue;
        changes.delete(key);
        if (c.kind === 'removed' && ghosts.delete(key)) gone.push(key);
        dropped = true;
      }
      // Marks that fade change how rows look, not which rows there are: only closed rows that leave touch the table.
      if (gone.length === 0) {
        set(dropped ? { now, marks: get().marks + 1 } : { now });
        return;
      }
      const version = get().version + 1;
      journal.record(version, gone);
      set({ now, version, marks: get().marks + 1 });
    },

    async loadServices() {
      // IANA's names (about 120 kB, compacted at build time: scripts/service-names.mjs): a separate chunk, loaded
      // after the first paint.
      const mod: { default: unknown } = await import('virtual:service-names');
      set({ services: serviceTableFromCompact(mod.default), version: get().version + 1 });
    },
  };
};
