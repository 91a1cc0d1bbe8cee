// Snapshot diff: turns consecutive raw snapshots into {added, removed, changed} with firstSeen / stateSince.
import { socketKey, type RawSocket, type Socket } from '../model/socket';

/** The result of comparing a new raw snapshot with the current table. */
export interface SocketDiff {
  readonly added: Socket[];
  /** Keys of sockets gone since the previous table. */
  readonly removed: string[];
  readonly changed: Socket[];
  /** The new table, keyed by Socket.key. */
  readonly table: Map<string, Socket>;
}

/**
 * Compares `raw` (one instant) with `prev` (the table so far). A socket keeps its firstSeen while its key lives;
 * stateSince moves to `now` (ms since epoch) when its state changes. Sockets that share a key in one snapshot
 * (possible only with inode 0, e.g. SO_REUSEPORT request sockets) get a `~n` suffix so none is lost.
 */
export function diffSockets(prev: ReadonlyMap<string, Socket>, raw: readonly RawSocket[], now: number): SocketDiff {
  const table = new Map<string, Socket>();
  const added: Socket[] = [];
  const changed: Socket[] = [];
  for (const r of raw) {
    let key = socketKey(r);
    if (table.has(key)) {
      let n = 1;
      while (table.has(`${key} ~${n}`)) n++;
      key = `${key} ~${n}`;
    }
    const old = prev.get(key);
    if (!old) {
      const s: Socket = { ...r, key, firstSeen: now, stateSince: now };
      table.set(key, s);
      added.push(s);
    } else if (sameSocket(old, r)) {
      table.set(key, old);
    } else {
      const s: Socket = {
        ...r,
        key,
        firstSeen: old.firstSeen,
        stateSince: old.state === r.state ? old.stateSince : now,
      };
      table.set(key, s);
      changed.push(s);
    }
  }
  const removed: string[] = [];
  for (const key of prev.keys()) if (!table.has(key)) removed.push(key);
  return { added, removed, changed, table };
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
