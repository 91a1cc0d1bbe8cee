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
    const old = prev.get(key);
    let s: Socket;
    if (!old) {
      s = firstSight(r, key, now);
      added.push(s);
    } else if (isReused(old, r)) {
      // Another connection on the same tuple: the old one is gone, a new one appeared (never a negative rate).
      s = firstSight(r, key, now);
      removed.push(key);
      added.push(s);
    } else if (sameSocket(old, r) && !isActive(old)) {
      s = old;
    } else {
      s = nextVersion(old, r, now, dt);
      changed.push(s);
    }
    if (isActive(s)) active++;
    table.set(key, s);
    sources.set(r, s);
  }
  for (const key of prev.keys()) if (!table.has(key)) removed.push(key);
  return { added, removed, changed, table, sources, active };
}

/** One socket of the differ's table: the raw object it came from and the refresh that last saw that object. */
interface Entry {
  raw: RawSocket;
  socket: Socket;
  seen: number;
}

/**
 * Keeps the table between snapshots and diffs each new one against it, in place: a collector hands back the very
 * same raw object for a socket that did not change, so only new objects (changed, new or reused sockets) are
 * looked at, and a refresh where a few of 40,000 sockets moved bytes costs a few lookups per socket, not a new
 * table. Where one snapshot holds several sockets with one key (the `~n` suffixes), it diffs the whole snapshot
 * with diffSockets instead, whose order decides the suffixes. Either way the result is what diffSockets answers.
 */
export class SocketDiffer {
  private current = new Map<string, Socket>();
  private entries = new Map<string, Entry>();
  private sources = new Map<RawSocket, Entry>();
  /** Keys whose socket moved bytes over the last refresh: their rates fall to 0 when it stops. */
  private active = new Set<string>();
  /** Keys with a `~n` suffix in the table (several sockets shared a key): the whole snapshot is diffed then. */
  private suffixed = 0;
  private at: number | null = null;
  private tick = 0;

  /** The table as of the last snapshot. */
  get table(): ReadonlyMap<string, Socket> {
    return this.current;
  }

  /** Diffs the next snapshot (taken at `now`, ms since epoch) and makes it the current table. */
  next(raw: readonly RawSocket[], now: number): SocketChanges {
    const prevAt = this.at ?? now;
    this.at = now;
    const tick = ++this.tick;
    const fresh: RawSocket[] = [];
    let kept = 0;
    for (const r of raw) {
      const e = this.sources.get(r);
      if (e && e.seen !== tick) {
        e.seen = tick;
        kept++;
      } else fresh.push(r);
    }
    // Steady state: every socket handed back unchanged (same objects) and none was moving bytes.
    if (
      fresh.length === 0 &&
      kept === this.sources.size &&
      raw.length === this.current.size &&
      this.active.size === 0
    ) {
      return { added: [], removed: [], changed: [] };
    }
    if (this.suffixed > 0) return this.whole(raw, now, prevAt);
    const keys: string[] = [];
    const claimed = new Set<string>();
    for (const r of fresh) {
      const key = socketKey(r);
      // A key taken twice in this snapshot gets a suffix by position: only a whole diff gives it the same one.
      if (claimed.has(key) || this.entries.get(key)?.seen === tick) return this.whole(raw, now, prevAt);
      claimed.add(key);
      keys.push(key);
    }
    const added: Socket[] = [];
    const changed: Socket[] = [];
    const removed: string[] = [];
    const dt = now - prevAt;
    for (let i = 0; i < fresh.length; i++) {
      const r = fresh[i];
      const key = keys[i];
      const before = this.entries.get(key);
      const old = before?.socket;
      let s: Socket;
      if (!old) {
        s = firstSight(r, key, now);
        added.push(s);
      } else if (isReused(old, r)) {
        // Another connection on the same tuple: the old one is gone, a new one appeared (never a negative rate).
        s = firstSight(r, key, now);
        removed.push(key);
        added.push(s);
      } else if (sameSocket(old, r) && !isActive(old)) {
        s = old;
      } else {
        s = nextVersion(old, r, now, dt);
        changed.push(s);
      }
      if (before) this.sources.delete(before.raw);
      this.put(key, { raw: r, socket: s, seen: tick });
    }
    // Sockets handed back unchanged that moved bytes last time have stopped: their rates fall to 0.
    for (const key of [...this.active]) {
      const e = this.entries.get(key);
      if (!e || claimed.has(key) || e.seen !== tick) continue;
      e.socket = idle(e.socket);
      this.current.set(key, e.socket);
      this.active.delete(key);
      changed.push(e.socket);
    }
    if (this.entries.size > kept + fresh.length) {
      for (const [key, e] of this.entries) {
        if (e.seen === tick) continue;
        removed.push(key);
        this.entries.delete(key);
        this.current.delete(key);
        this.sources.delete(e.raw);
        this.active.delete(key);
      }
    }
    return { added, removed, changed };
  }

  private put(key: string, e: Entry): void {
    this.entries.set(key, e);
    this.sources.set(e.raw, e);
    this.current.set(key, e.socket);
    if (isActive(e.socket)) this.active.add(key);
    else this.active.delete(key);
  }

  /** The whole snapshot through diffSockets, then the differ's own bookkeeping rebuilt from its answer. */
  private whole(raw: readonly RawSocket[], now: number, prevAt: number): SocketChanges {
    const prevSources = new Map<RawSocket, Socket>();
    for (const [r, e] of this.sources) prevSources.set(r, e.socket);
    const d = diffSockets(this.current, raw, now, prevSources, prevAt);
    this.current = d.table;
    this.entries = new Map();
    this.sources = new Map();
    this.active = new Set();
    this.suffixed = 0;
    for (const [r, s] of d.sources) {
      const e: Entry = { raw: r, socket: s, seen: this.tick };
      this.entries.set(s.key, e);
      this.sources.set(r, e);
    }
    for (const [key, s] of d.table) {
      if (isActive(s)) this.active.add(key);
      if (key.includes(' ~')) this.suffixed++;
    }
    return { added: d.added, removed: d.removed, changed: d.changed };
  }
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
