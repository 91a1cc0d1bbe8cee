// Snapshot diff: turns consecutive raw snapshots into {added, removed, changed} with firstSeen / stateSince.
import { socketKey, type RawSocket, type Socket } from '../model/socket';

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
}

/**
 * Compares `raw` (one instant) with `prev` (the table so far). A socket keeps its firstSeen while its key lives;
 * stateSince moves to `now` (ms since epoch) when its state changes. Sockets that share a key in one snapshot
 * (possible only with inode 0, e.g. SO_REUSEPORT request sockets) get a `~n` suffix so none is lost.
 * `prevSources` maps raw objects of the previous snapshot to their Socket: a collector that hands back the very
 * same object for an unchanged socket lets the diff skip building its key and comparing its fields.
 */
export function diffSockets(
  prev: ReadonlyMap<string, Socket>,
  raw: readonly RawSocket[],
  now: number,
  prevSources?: ReadonlyMap<RawSocket, Socket>,
): SocketDiff {
  const table = new Map<string, Socket>();
  const sources = new Map<RawSocket, Socket>();
  const added: Socket[] = [];
  const changed: Socket[] = [];
  for (const r of raw) {
    const known = prevSources?.get(r);
    if (known && !table.has(known.key) && prev.get(known.key) === known) {
      table.set(known.key, known);
      sources.set(r, known);
      continue;
    }
    let key = socketKey(r);
    if (table.has(key)) {
      let n = 1;
      while (table.has(`${key} ~${n}`)) n++;
      key = `${key} ~${n}`;
    }
    const old = prev.get(key);
    let s: Socket;
    if (!old) {
      s = { ...r, key, firstSeen: now, stateSince: now };
      added.push(s);
    } else if (sameSocket(old, r)) {
      s = old;
    } else {
      s = { ...r, key, firstSeen: old.firstSeen, stateSince: old.state === r.state ? old.stateSince : now };
      changed.push(s);
    }
    table.set(key, s);
    sources.set(r, s);
  }
  const removed: string[] = [];
  for (const key of prev.keys()) if (!table.has(key)) removed.push(key);
  return { added, removed, changed, table, sources };
}

/** Keeps the table between snapshots and diffs each new one against it. */
export class SocketDiffer {
  private current = new Map<string, Socket>();
  private sources = new Map<RawSocket, Socket>();

  /** The table as of the last snapshot. */
  get table(): ReadonlyMap<string, Socket> {
    return this.current;
  }

  /** Diffs the next snapshot (taken at `now`, ms since epoch) and makes it the current table. */
  next(raw: readonly RawSocket[], now: number): SocketChanges {
    // Steady state: the collector handed back every socket unchanged (same objects): nothing to build.
    if (raw.length === this.current.size && raw.every((r) => this.sources.has(r))) {
      return { added: [], removed: [], changed: [] };
    }
    const d = diffSockets(this.current, raw, now, this.sources);
    this.current = d.table;
    this.sources = d.sources;
    return { added: d.added, removed: d.removed, changed: d.changed };
  }
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
    a.sendQueue !== b.sendQueue
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
