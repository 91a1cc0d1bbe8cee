// Snapshot diff: turns consecutive raw snapshots into {added, removed, changed} with firstSeen, state ages and rates.
import { socketKey, type RawSocket, type Socket } from '../model/socket';
import { firstSight, idle, isActive, isReused, nextVersion } from './socket-derive';

/** What changed between two consecutive snapshots. */
export interface SocketChanges {
  readonly added: Socket[];
  /** Keys of sockets gone since the previous table. */
  readonly removed: string[];
  readonly changed: Socket[];
}

/** The result of comparing a new raw snapshot with the current table. */
export interface SocketDiff extends SocketChanges {
  /** The new table, keyed by Socket.key. */
  readonly table: Map<string, Socket>;
  /** Each raw object of the new snapshot -> its Socket, for identity checks on the next diff. */
  readonly sources: Map<RawSocket, Socket>;
  /** Sockets of the new table that moved bytes (their rates must be re-evaluated next time). */
  readonly active: number;
}

/**
 * What the raw socket `r` becomes under `key`, given the socket that had the key before (`old`, `dt` ms ago); the
 * change is recorded in `out` (a reused tuple is a removal and an addition, so never a negative rate).
 */
export function nextSocket(
  old: Socket | undefined,
  r: RawSocket,
  key: string,
  now: number,
  dt: number,
  out: SocketChanges,
): Socket {
  if (!old || isReused(old, r)) {
    const s = firstSight(r, key, now);
    if (old) out.removed.push(key);
    out.added.push(s);
    return s;
  }
  if (sameSocket(old, r) && !isActive(old)) return old;
  const s = nextVersion(old, r, now, dt);
  out.changed.push(s);
  return s;
}

/**
 * Compares `raw` (one instant, `now` ms since epoch) with `prev` (the table as of `prevAt`). A socket keeps its
 * firstSeen while its key lives and names the same connection (a reused tuple is removed and added again);
 * stateSince comes from the kernel clock the collector read, else moves to `now` when the state changes (a lower
 * bound, `observed`); byte rates come from the tcp_info counters' change since `prevAt`. Sockets that share a key in
 * one snapshot (possible only with inode 0, e.g. SO_REUSEPORT request sockets) get a `~n` suffix so none is lost.
 * `prevSources` maps raw objects of the previous snapshot to their Socket: a collector that hands back the very same
 * object for an unchanged socket lets the diff skip building its key and comparing its fields.
 */
export function diffSockets(
  prev: ReadonlyMap<string, Socket>,
  raw: readonly RawSocket[],
  now: number,
  prevSources?: ReadonlyMap<RawSocket, Socket>,
  prevAt: number = now,
): SocketDiff {
  const table = new Map<string, Socket>();
  const sources = new Map<RawSocket, Socket>();
  const added: Socket[] = [];
  const changed: Socket[] = [];
  const removed: string[] = [];
  const dt = now - prevAt;
  let active = 0;
  for (const r of raw) {
    const known = prevSources?.get(r);
    if (known && !table.has(known.key) && prev.get(known.key) === known) {
      // The same kernel row: nothing changed, but a socket that moved bytes last time has stopped.
      const s = isActive(known) ? idle(known) : known;
      if (s !== known) changed.push(s);
      table.set(known.key, s);
      sources.set(r, s);
      continue;
    }
    let key = socketKey(r);
    if (table.has(key)) {
      let n = 1;
      while (table.has(`${key} ~${n}`)) n++;
      key = `${key} ~${n}`;
    }
    const s = nextSocket(prev.get(key), r, key, now, dt, { added, removed, changed });
    if (isActive(s)) active++;
    table.set(key, s);
    sources.set(r, s);
  }
  for (const key of prev.keys()) if (!table.has(key)) removed.push(key);
  return { added, removed, changed, table, sources, active };
}

/**
 * The keys of a first snapshot's sockets, by index into `raw`: socketKey, a key taken twice suffixed `~n` by position,
 * as `diffSockets(new Map(), raw, now)` gives them. Only sockets that could share a key (the same protocol, family
 * and ports) have their key strings made here; every other key is made when asked for, so a one-shot table does not
 * hold a string per socket (and a set of them) before its first row is written.
 */
export function firstKeys(raw: readonly RawSocket[]): (i: number) => string {
  const n = raw.length;
  let bits = 6;
  while (1 << bits < n * 2) bits++;
  const mask = (1 << bits) - 1;
  // Open addressing by ports and table: slot -> index + 1 of the first socket with that signature.
  const slots = new Int32Array(1 << bits);
  const sig = (s: RawSocket): number =>
    (((s.localPort & 0xffff) << 16) | (s.remotePort & 0xffff)) ^
    ((s.proto === 'udp' ? 1 : 0) | (s.family === 6 ? 2 : 0));
  const alike = (a: RawSocket, b: RawSocket): boolean =>
    a.localPort === b.localPort && a.remotePort === b.remotePort && a.proto === b.proto && a.family === b.family;
  /** First index of a signature -> every later index with it, in order. */
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const s = raw[i];
    // The product's high bits: its low ones depend on the remote port alone, shared by every client of a server.
    for (let h = Math.imul(sig(s), 0x9e3779b1) >>> (32 - bits); ; h = (h + 1) & mask) {
      const first = slots[h] - 1;
      if (first < 0) {
        slots[h] = i + 1;
        break;
      }
      if (alike(raw[first], s)) {
        const later = groups.get(first);
        if (later) later.push(i);
        else groups.set(first, [i]);
        break;
      }
    }
  }
  // Within a group, a key string's second use is `~1`, its third `~2` ...: a suffixed key never equals a plain
  // one (socketKey holds no " ~"), so counting uses per key is what probing the taken keys one by one would give.
  const suffixed = new Map<number, string>();
  for (const [first, later] of groups) {
    const uses = new Map<string, number>([[socketKey(raw[first]), 0]]);
    for (const i of later) {
      const key = socketKey(raw[i]);
      const used = uses.get(key);
      uses.set(key, (used ?? -1) + 1);
      if (used !== undefined) suffixed.set(i, `${key} ~${used + 1}`);
    }
  }
  return (i) => suffixed.get(i) ?? socketKey(raw[i]);
}

/** Sockets a slice at a time: what an output written in pieces needs of a table (see json-chunks.ts). */
export type SocketSlices = Pick<readonly Socket[], 'length' | 'slice'>;

/**
 * The table of a first snapshot, in `raw`'s order, a slice at a time: what `diffSockets(new Map(), raw, now).table`
 * holds (every socket first seen at `now`), without the maps a running diff keeps; for one-shot answers (a cold
 * `list`), where nothing diffs against it later. `raw[i]` has key `keyOf(i)` (from firstKeys of the whole table,
 * also when only some sockets are wanted). An output that writes each slice before asking for the next never holds
 * every socket object at once: 40,000 of them are some 15 MB that would otherwise outlive several collections.
 */
export function firstTableSlices(raw: readonly RawSocket[], keyOf: (i: number) => string, now: number): SocketSlices {
  return {
    length: raw.length,
    slice(start = 0, end = raw.length): Socket[] {
      const at = (i: number): number => Math.max(0, Math.min(raw.length, i < 0 ? raw.length + i : i));
      const from = at(Math.trunc(start));
      const to = Math.max(from, at(Math.trunc(end)));
      const out = new Array<Socket>(to - from);
      for (let i = from; i < to; i++) out[i - from] = firstSight(raw[i], keyOf(i), now);
      return out;
    },
  };
}

/** True when the owners differ (by pid, in order). */
function ownersDiffer(a: RawSocket['owners'], b: RawSocket['owners']): boolean {
  if (a === b) return false;
  if (a.length !== b.length) return true;
  for (let i = 0; i < a.length; i++) if (a[i].pid !== b[i].pid || a[i].process !== b[i].process) return true;
  return false;
}

/** True when nothing a user sees differs between two versions of one socket. */
export function sameSocket(a: RawSocket, b: RawSocket): boolean {
  if (
    a.state !== b.state ||
    a.pid !== b.pid ||
    a.process !== b.process ||
    a.user !== b.user ||
    a.uid !== b.uid ||
    a.inode !== b.inode ||
    a.recvQueue !== b.recvQueue ||
    a.sendQueue !== b.sendQueue ||
    a.cookie !== b.cookie ||
    ownersDiffer(a.owners, b.owners)
  ) {
    return false;
  }
  const m = a.metrics;
  const n = b.metrics;
  if (m === n) return true;
  if (!m || !n) return false;
  return (
    m.rttMs === n.rttMs &&
    m.retransmits === n.retransmits &&
    m.bytesSent === n.bytesSent &&
    m.bytesReceived === n.bytesReceived
  );
}

/** Applies a delta to a table in place (renderer and host side); returns the same map. */
export function applyDelta(
  table: Map<string, Socket>,
  delta: {
    readonly added: readonly Socket[];
    readonly removed: readonly string[];
    readonly changed: readonly Socket[];
  },
): Map<string, Socket> {
  for (const key of delta.removed) table.delete(key);
  for (const s of delta.added) table.set(s.key, s);
  for (const s of delta.changed) table.set(s.key, s);
  return table;
}
