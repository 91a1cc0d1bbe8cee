// The collector's running diff: the table kept in place between snapshots, so a refresh costs what changed.
import { socketKey, type RawSocket, type Socket } from '../model/socket';
import { diffSockets, sameSocket, type SocketChanges } from './diff';
import { firstSight, idle, isActive, isReused, nextVersion } from './socket-derive';

/** One raw object of the last snapshot and the Socket it became; `round` marks the snapshot it was last seen in. */
interface Entry {
  socket: Socket;
  round: number;
}

/**
 * Keeps the table between snapshots and diffs each new one against it, with the results `diffSockets` gives.
 * Collectors hand back the very object of an unchanged socket (Linux's decoder and owner memo do), so a snapshot
 * is first matched by identity: one Map lookup per socket and no allocation. Only the objects that are new (added,
 * changed or reused sockets) are keyed and compared, and the table is updated in place; rebuilding two 40,000-entry
 * maps per refresh was most of a steady refresh's time. A snapshot in which a new object takes a key that an
 * unchanged one also holds (possible only for duplicate tuples, see diffSockets) is diffed whole instead, so the
 * `~n` suffixes come out exactly as diffSockets numbers them.
 */
export class SocketDiffer {
  private readonly current = new Map<string, Socket>();
  private entries = new Map<RawSocket, Entry>();
  private at: number | null = null;
  private round = 0;
  /** Sockets of the table that moved bytes at the last refresh: their rates fall to 0 if they stop. */
  private active = 0;

  /** The table as of the last snapshot (the same Map object throughout, updated in place). */
  get table(): ReadonlyMap<string, Socket> {
    return this.current;
  }

  /** Diffs the next snapshot (taken at `now`, ms since epoch) and makes it the current table. */
  next(raw: readonly RawSocket[], now: number): SocketChanges {
    const prevAt = this.at ?? now;
    this.at = now;
    const round = ++this.round;
    let fresh: number[] | null = null;
    let stopped: Entry[] | null = null;
    for (let i = 0; i < raw.length; i++) {
      const e = this.entries.get(raw[i]);
      if (e === undefined || e.round === round) {
        (fresh ??= []).push(i);
        continue;
      }
      e.round = round;
      // The same kernel row: nothing changed, but a socket that moved bytes last time has stopped.
      if (this.active > 0 && isActive(e.socket)) (stopped ??= []).push(e);
    }
    const changed: Socket[] = [];
    if (fresh === null && this.entries.size === raw.length) {
      this.stop(stopped, changed);
      this.active = 0;
      return { added: [], removed: [], changed };
    }
    // Keys whose object is gone from this snapshot: removed, unless a new object takes the key over.
    const gone = new Set<string>();
    for (const e of this.entries.values()) if (e.round !== round) gone.add(e.socket.key);
    const keys: string[] = [];
    const claimed = new Set<string>();
    for (const i of fresh ?? []) {
      const key = socketKey(raw[i]);
      if ((this.current.has(key) && !gone.has(key)) || claimed.has(key)) return this.rediff(raw, now, prevAt);
      claimed.add(key);
      keys.push(key);
    }
    this.stop(stopped, changed);
    for (const [r, e] of this.entries) if (e.round !== round) this.entries.delete(r);
    const added: Socket[] = [];
    const removed: string[] = [];
    const dt = now - prevAt;
    let active = 0;
    (fresh ?? []).forEach((i, n) => {
      const r = raw[i];
      const key = keys[n];
      const old = gone.delete(key) ? this.current.get(key) : undefined;
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
      this.current.set(key, s);
      this.entries.set(r, { socket: s, round });
    });
    for (const key of gone) {
      this.current.delete(key);
      removed.push(key);
    }
    // Sockets matched by identity are idle now; only the new versions can be moving bytes.
    this.active = active;
    return { added, removed, changed };
  }

  /** Rates of sockets that moved bytes last time and were handed back unchanged fall to 0. */
  private stop(stopped: readonly Entry[] | null, changed: Socket[]): void {
    for (const e of stopped ?? []) {
      e.socket = idle(e.socket);
      this.current.set(e.socket.key, e.socket);
      changed.push(e.socket);
    }
  }

  /** The whole-snapshot diff, for the rare snapshot with duplicate keys; the table is replaced by its result. */
  private rediff(raw: readonly RawSocket[], now: number, prevAt: number): SocketChanges {
    const prevSources = new Map<RawSocket, Socket>();
    for (const [r, e] of this.entries) prevSources.set(r, e.socket);
    const d = diffSockets(this.current, raw, now, prevSources, prevAt);
    this.current.clear();
    for (const [k, s] of d.table) this.current.set(k, s);
    this.entries = new Map();
    for (const [r, s] of d.sources) this.entries.set(r, { socket: s, round: this.round });
    this.active = d.active;
    return { added: d.added, removed: d.removed, changed: d.changed };
  }
}
