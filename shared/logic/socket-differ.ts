// The collector's running diff: the table kept in place between snapshots, so a refresh costs what changed.
import { socketKey, type RawSocket, type Socket } from '../model/socket';
import { diffSockets, nextSocket, type SocketChanges } from './diff';
import { idle, isActive } from './socket-derive';

/** How far ahead in the last snapshot a socket is looked for by position (steps over a few removed before it). */
const LOOKAHEAD = 4;

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
  /**
   * The last snapshot's objects and their entries, by position (a copy: the caller's array is not kept). A
   * collector lists sockets in a stable order, so most are found here in step, without a lookup in `sources`.
   */
  private lastRaw: RawSocket[] = [];
  private lastEntries: Entry[] = [];
  /** The arrays of the snapshot before, reused for the next one. */
  private spareRaw: RawSocket[] = [];
  private spareEntries: Entry[] = [];

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
    /** Position in `raw` of each fresh socket. */
    const freshAt: number[] = [];
    const lastRaw = this.lastRaw;
    const lastEntries = this.lastEntries;
    const nextRaw = this.spareRaw;
    const nextEntries = this.spareEntries;
    nextRaw.length = raw.length;
    nextEntries.length = raw.length;
    let kept = 0;
    for (let i = 0, j = 0; i < raw.length; i++) {
      const r = raw[i];
      nextRaw[i] = r;
      let e: Entry | undefined;
      const end = Math.min(lastRaw.length, j + LOOKAHEAD);
      let k = j;
      while (k < end && lastRaw[k] !== r) k++;
      if (k < end) {
        e = lastEntries[k];
        j = k + 1;
      } else e = this.sources.get(r);
      if (e && e.seen !== tick) {
        e.seen = tick;
        kept++;
        nextEntries[i] = e;
      } else {
        fresh.push(r);
        freshAt.push(i);
      }
    }
    // Steady state: every socket handed back unchanged (same objects) and none was moving bytes.
    if (
      fresh.length === 0 &&
      kept === this.sources.size &&
      raw.length === this.current.size &&
      this.active.size === 0
    ) {
      this.rememberPositions(nextRaw, nextEntries);
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
      const s = nextSocket(before?.socket, r, key, now, dt, { added, removed, changed });
      if (before) this.sources.delete(before.raw);
      const e: Entry = { raw: r, socket: s, seen: tick };
      this.put(key, e);
      nextEntries[freshAt[i]] = e;
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
    this.rememberPositions(nextRaw, nextEntries);
    return { added, removed, changed };
  }

  /** Makes this snapshot's objects and entries, by position, the ones the next snapshot is walked against. */
  private rememberPositions(raw: RawSocket[], entries: Entry[]): void {
    this.spareRaw = this.lastRaw;
    this.spareEntries = this.lastEntries;
    this.lastRaw = raw;
    this.lastEntries = entries;
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
    // Entries are made anew: the next snapshot looks every socket up in `sources`.
    this.lastRaw.length = 0;
    this.lastEntries.length = 0;
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
