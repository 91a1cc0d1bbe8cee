// Socket inode -> owning pid, from /proc/<pid>/fd links (what `ss -p` does), cached so quiet ticks read no fd link.
import { defaultProcFdSource, type FdLinks, type PendingFdScan, type ProcFdSource } from './proc-fd-source';

/** Retry interval for inodes no process could be found for, and for pids whose fds we may not read (ms). */
export const UNRESOLVED_RETRY_MS = 10_000;
/**
 * The same retry where the kernel counts each process's open fds (Linux 6.2 on, see ProcFdSource.fdCount). A socket
 * that reaches a process we can read changes its count, and the next refresh reads that process: the whole scan of
 * a retry is left to find only what the counts cannot show (an fd closed and another opened between two refreshes,
 * a directory that became readable). On this machine one retry at 40,000 sockets took 130-200 ms.
 */
export const UNRESOLVED_RETRY_COUNTED_MS = 60_000;
/**
 * Shortest gap between two pass-2 scans (ms). Pass 2 re-reads every fd link; without this floor, a steady trickle
 * of sockets we can never attribute (other users' or other pid namespaces' processes) would re-read them all
 * every tick.
 */
export const PASS2_MIN_INTERVAL_MS = 2_000;
/**
 * Shortest gap between two pass-2 scans that also re-read fds whose cached socket still exists (ms). Pass 2 re-reads
 * fds cached as "not a socket" every time (an fd number closed and reused for a socket between two ticks: the
 * usual case, and a few hundred links). A socket fd reused for another socket while the first one lives on through
 * another holder (a dup, a child) is rare, and re-reading every socket fd for it cost 150 ms at 40,000 sockets each
 * time a socket of another PID namespace appeared.
 */
export const FULL_PASS2_INTERVAL_MS = 60_000;

/** Work counters, cumulative since creation, so tests and diagnostics can see whether a tick scanned. */
export interface OwnerMapStats {
  readonly readlinkCalls: number;
  readonly fdDirReads: number;
  /**
   * What the last refresh did: nothing, re-read only the processes whose fd tables changed, pass 1 (new fds only),
   * or pass 2 (every fd re-read).
   */
  readonly lastScan: 'none' | 'changed' | 'pass1' | 'pass2';
}

/** The outcome of one refresh. */
export interface OwnerResult {
  /** Socket inode -> owning pid (the lowest pid when several processes share the socket). */
  readonly owners: ReadonlyMap<number, number>;
  /** Inodes held by more than one process (forked workers sharing a listener) -> every pid, ascending. */
  readonly shared: ReadonlyMap<number, readonly number[]>;
  /** Processes whose fd directory we may not read: their sockets cannot be attributed. */
  readonly deniedPids: number;
  /**
   * Changes whenever a refresh may have changed `owners` or `shared` (a scan or a reread): equal versions mean every
   * inode has the owners it had, so a caller may keep what it made from them.
   */
  readonly version: number;
}

interface PidFds {
  /** fd number -> socket inode it referred to when last read (0: not a socket). */
  fds: Map<number, number>;
  denied: boolean;
  /** True until the first successful read of the fd directory. */
  fresh: boolean;
  /** Fds read during the current scan (pass 2 skips them); null when none. */
  readNow: Set<number> | null;
  /** Every fd was read during the current scan (a fresh pid): pass 2 skips the pid, no set of them needed. */
  readAll: boolean;
  /** Its open fds as the kernel last counted them (see ProcFdSource.fdCount); -1 before the first read. */
  count: number;
}

/** A snapshot's socket inodes, one per row. */
type Inodes = ArrayLike<number> & Iterable<number>;

/** The live socket inodes among `fds` (fd -> inode). */
function liveInodes(fds: ReadonlyMap<number, number>, live: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  for (const inode of fds.values()) if (inode !== 0 && live.has(inode)) out.add(inode);
  return out;
}

/** Keeps the inode -> pid map across ticks and re-reads fd links only when sockets appear that it cannot place. */
export class OwnerMap {
  private readonly pids = new Map<number, PidFds>();
  /** See OwnerResult.version. */
  private version = 0;
  private owners = new Map<number, number>();
  private shared = new Map<number, number[]>();
  /** Inodes no visible process held at the last try -> when to look again (ms), unless the pid set changes. */
  private unresolved = new Map<number, number>();
  /** When denied fd directories were last retried (ms). */
  private lastDeniedRetryAt = -Infinity;
  private lastPass2At = -Infinity;
  private lastFullPass2At = -Infinity;
  private readlinks = 0;
  private dirReads = 0;
  private lastScan: OwnerMapStats['lastScan'] = 'none';
  /** A cold scan started by prepare(), and the pid set change it saw. */
  private pending: PendingFdScan | null = null;
  private preparedChange = false;
  /** What the pending scan read, while scan() runs. */
  private prefetched: Map<number, FdLinks | 'denied' | 'gone'> | null = null;
  /** Set by the first prepare(): it reads ahead once, whether or not that refresh then wants owners. */
  private prepared = false;
  /** Whether the source gave a count of open fds (ProcFdSource.fdCount): changed fd tables are then known. */
  private counted = false;

  constructor(private readonly source: ProcFdSource = defaultProcFdSource()) {}

  stats(): OwnerMapStats {
    return { readlinkCalls: this.readlinks, fdDirReads: this.dirReads, lastScan: this.lastScan };
  }

  /**
   * Before the first refresh: starts reading every process's fds (where the source can share that with a second
   * thread), so the caller's socket dump runs meanwhile; the refresh that follows uses what it read. Later refreshes
   * read only what is new, as before.
   */
  prepare(): void {
    if (this.prepared || this.pending || !this.source.readAll) return;
    this.prepared = true;
    this.preparedChange = this.syncPids() || this.preparedChange;
    const fresh: number[] = [];
    for (const [pid, entry] of this.pids) if (entry.fresh) fresh.push(pid);
    if (fresh.length > 0) this.pending = this.source.readAll(fresh);
  }

  /**
   * Brings the map up to date for the socket `inodes` of a new snapshot (0 entries are ignored). `known`, where the
   * caller has it: per inode, the pid this map gave it at the last refresh (the version that refresh returned, and
   * no refresh since), or a negative number; such an inode is not looked up while that process lives.
   */
  refresh(inodes: Inodes, now: number = Date.now(), known?: Int32Array): OwnerResult {
    const pidSetChanged = this.syncPids() || this.preparedChange;
    this.preparedChange = false;
    const changed = this.changedFdTables();
    let wanted: number[] | null = null; // only iterated: an array is cheaper than a Set of 40,000
    for (let i = 0; i < inodes.length; i++) {
      const inode = inodes[i];
      if (inode === 0) continue;
      const was = known === undefined ? -1 : known[i];
      if (was >= 0 && this.pids.has(was)) continue;
      const pid = this.owners.get(inode);
      if (pid !== undefined && this.pids.has(pid)) continue;
      if ((this.unresolved.get(inode) ?? -Infinity) > now && !pidSetChanged) continue;
      (wanted ??= []).push(inode);
    }
    this.lastScan = 'none';
    if (wanted || changed.length > 0) this.version++;
    if (wanted) {
      try {
        this.prefetched = this.pending?.result() ?? null;
        this.pending = null;
        this.scan(inodes, wanted, now, changed);
      } finally {
        this.prefetched = null;
        this.source.release?.();
      }
    } else if (changed.length > 0) {
      this.lastScan = 'changed';
      try {
        this.reread(changed, new Set(inodes));
      } finally {
        this.source.release?.();
      }
    }
    this.pending?.cancel();
    this.pending = null;
    return { owners: this.owners, shared: this.shared, deniedPids: this.countDenied(), version: this.version };
  }

  /** Drops exited processes and adds new ones; true when the set changed. */
  private syncPids(): boolean {
    const now = this.source.listPids();
    const seen = new Set<number>();
    let changed = false;
    for (const pid of now) {
      seen.add(pid);
      if (!this.pids.has(pid)) {
        this.pids.set(pid, { fds: new Map(), denied: false, fresh: true, readNow: null, readAll: false, count: -1 });
        changed = true;
      }
    }
    if (seen.size !== this.pids.size) {
      for (const pid of this.pids.keys()) if (!seen.has(pid)) this.pids.delete(pid);
      changed = true;
    }
    return changed;
  }

  /**
   * Processes read before whose count of open fds changed since: an fd opened or closed there. Without it, a socket
   * that reaches a running process (sent over a Unix socket, as a cluster master hands its listener to its workers,
   * or dup'ed) would add that process as a holder only at the next whole scan, which comes only when some socket
   * has no owner yet. One stat per process; an fd closed and another opened between two refreshes keeps the count
   * and waits for the next whole scan, as before.
   */
  private changedFdTables(): number[] {
    const out: number[] = [];
    if (!this.source.fdCount) return out;
    for (const [pid, entry] of this.pids) {
      if (entry.fresh || entry.denied) continue;
      const n = this.fdCount(pid);
      if (n === null || n === entry.count) continue;
      entry.count = n;
      out.push(pid);
    }
    return out;
  }

  /** The kernel's count of open fds of `pid` (null where it gives none), noting that it counts. */
  private fdCount(pid: number): number | null {
    const n = this.source.fdCount?.(pid) ?? null;
    if (n !== null) this.counted = true;
    return n;
  }

  /**
   * Reads the fd tables of `pids` again (pass 1: new fds, and fds whose socket vanished) and moves them in the maps
   * from the live sockets they held to those they hold now, as a rebuild would place them.
   */
  private reread(pids: readonly number[], live: ReadonlySet<number>): void {
    for (const pid of pids) {
      const before = this.pids.get(pid);
      if (!before) continue;
      const had = liveInodes(before.fds, live);
      // New fds, and fds of sockets it held that closed (the number may hold another now). Its other sockets that are
      // not in the table (Unix sockets) are not read again: a process whose fd table changes every second may hold
      // hundreds of them.
      this.pass1(pid, live, false, (inode) => !live.has(inode) && this.owners.has(inode));
      const after = this.pids.get(pid);
      if (after) after.readNow = null;
      const has = after ? liveInodes(after.fds, live) : new Set<number>();
      for (const inode of had) if (!has.has(inode)) this.dropHolder(inode, pid);
      for (const inode of has) if (!had.has(inode)) this.addHolder(inode, pid);
    }
  }

  private scan(inodes: Inodes, wanted: readonly number[], now: number, changed: readonly number[]): void {
    const live = new Set(inodes);
    const order = [...this.pids.keys()].sort((a, b) => a - b);
    const due = (inode: number): boolean => (this.unresolved.get(inode) ?? -Infinity) <= now;
    let stillWanted: number[] = [...wanted];
    let whole = true;
    // Where only new processes and fd tables that changed can hold what is wanted, read those first: inodes not yet
    // due for a retry, wanted because the set of processes changed; or, with the kernel's fd counts, any inode, since
    // a socket that reaches a process changes its count. A whole scan follows only for what that did not place.
    if (this.counted || !wanted.some(due)) {
      const fresh = order.filter((pid) => this.pids.get(pid)?.fresh);
      this.forgetExitedOwners();
      for (const pid of fresh) this.pass1(pid, live, false);
      this.addOwners(fresh, live);
      this.reread(changed, live);
      this.pruneOwners(live);
      this.lastScan = fresh.length === 0 && changed.length > 0 ? 'changed' : 'pass1';
      stillWanted = this.stillUnresolved(wanted);
      whole = stillWanted.some(due);
    }
    let didPass2 = false;
    if (whole) {
      this.lastScan = 'pass1';
      const retryDenied = now - this.lastDeniedRetryAt >= UNRESOLVED_RETRY_MS;
      if (retryDenied) this.lastDeniedRetryAt = now;
      for (const pid of order) this.pass1(pid, live, retryDenied);
      this.rebuildOwners(order, live);
      stillWanted = this.stillUnresolved(wanted);
      // Pass 2 re-reads fds whose cached answer may be stale (an fd number closed and reused between two ticks).
      if (stillWanted.length > 0 && now - this.lastPass2At >= PASS2_MIN_INTERVAL_MS) {
        this.lastScan = 'pass2';
        didPass2 = true;
        this.lastPass2At = now;
        const full = now - this.lastFullPass2At >= FULL_PASS2_INTERVAL_MS;
        if (full) this.lastFullPass2At = now;
        let reread = 0;
        for (const pid of order) reread += this.pass2(pid, full);
        // On a cold start every pid was fresh in pass 1: nothing was re-read, the owners stand as they are.
        if (reread > 0) {
          this.rebuildOwners(order, live);
          stillWanted = this.stillUnresolved(wanted);
        }
      }
    }
    for (const entry of this.pids.values()) {
      entry.readNow = null;
      entry.readAll = false;
    }
    // A cold scan reads every fd without counting them: one count says whether the kernel gives them.
    const first = this.pids.keys().next();
    if (!this.counted && !first.done) this.fdCount(first.value);
    const retryMs = this.counted ? UNRESOLVED_RETRY_COUNTED_MS : UNRESOLVED_RETRY_MS;
    const unresolved = new Map<number, number>();
    for (const [inode, at] of this.unresolved)
      if (live.has(inode) && !this.owners.has(inode)) unresolved.set(inode, at);
    for (const inode of stillWanted) {
      if (didPass2) unresolved.set(inode, now + retryMs);
      // Pass 2 was skipped by its rate limit: try again as soon as it is allowed.
      else if (due(inode)) unresolved.set(inode, this.lastPass2At + PASS2_MIN_INTERVAL_MS);
    }
    this.unresolved = unresolved;
  }

  /** Reads the fd list of `pid` and the links of fds not seen before or whose cached socket has vanished. */
  private pass1(
    pid: number,
    live: ReadonlySet<number>,
    retryDenied: boolean,
    vanished: (inode: number) => boolean = (inode) => !live.has(inode),
  ): void {
    const entry = this.pids.get(pid);
    if (!entry || (entry.denied && !retryDenied)) return;
    this.dirReads++;
    const read = entry.fresh ? this.prefetched?.get(pid) : undefined;
    if (read !== undefined && typeof read !== 'string') {
      // Read by the cold scan prepare() started: every fd and its link.
      const fds = new Map<number, number>();
      for (let i = 0; i < read.fds.length; i++) fds.set(read.fds[i], read.inodes[i]);
      this.readlinks += read.fds.length;
      entry.denied = false;
      entry.readAll = true;
      entry.readNow = null;
      entry.fresh = false;
      entry.fds = fds;
      entry.count = read.fds.length;
      return;
    }
    // Counted before the listing, with none of the source's fd directories open (one would count in its own process).
    let count = entry.count;
    if (read === undefined && count < 0 && this.source.fdCount) {
      this.source.release?.();
      count = this.fdCount(pid) ?? -1;
    }
    const names = read ?? this.source.listFds(pid);
    if (names === 'gone') {
      this.pids.delete(pid);
      return;
    }
    if (names === 'denied') {
      entry.denied = true;
      entry.fresh = false;
      entry.fds.clear();
      return;
    }
    entry.denied = false;
    const old = entry.fds;
    const fds = new Map<number, number>();
    let readNow: Set<number> | null = null;
    for (const name of names) {
      let inode = entry.fresh ? undefined : old.get(name);
      if (inode === undefined || (inode !== 0 && vanished(inode))) {
        this.readlinks++;
        inode = this.source.readFdLink(pid, name);
        if (!entry.fresh) (readNow ??= new Set()).add(name);
      }
      fds.set(name, inode);
    }
    // A fresh pid had every fd read just now: pass 2 has nothing to add for it.
    entry.readAll = entry.fresh;
    entry.count = count;
    entry.readNow = readNow;
    entry.fresh = false;
    entry.fds = fds;
  }

  /** Re-reads the fd links of `pid` not read in pass 1 (`full`: socket fds too); returns how many it read. */
  private pass2(pid: number, full: boolean): number {
    const entry = this.pids.get(pid);
    if (!entry || entry.denied || entry.readAll) return 0;
    const skip = entry.readNow;
    let n = 0;
    for (const [name, inode] of entry.fds) {
      if (skip?.has(name) || (inode !== 0 && !full)) continue;
      n++;
      entry.fds.set(name, this.source.readFdLink(pid, name));
    }
    this.readlinks += n;
    return n;
  }

  /** inode -> lowest pid holding it, and every holder of shared inodes, for live inodes only (pids ascending). */
  private rebuildOwners(order: readonly number[], live: ReadonlySet<number>): void {
    const owners = new Map<number, number>();
    const shared = new Map<number, number[]>();
    for (const pid of order) {
      const entry = this.pids.get(pid);
      if (!entry) continue;
      for (const inode of entry.fds.values()) {
        if (inode === 0 || !live.has(inode)) continue;
        const first = owners.get(inode);
        if (first === undefined) owners.set(inode, pid);
        else if (first !== pid) {
          const all = shared.get(inode);
          if (!all) shared.set(inode, [first, pid]);
          else if (all[all.length - 1] !== pid) all.push(pid);
        }
      }
    }
    this.owners = owners;
    this.shared = shared;
  }

  /**
   * What rebuildOwners would make, from the maps as they are and the fds of the `fresh` pids just read: for a scan
   * that reads only new processes (forgetExitedOwners has run: exited holders of shared inodes leave here); the new
   * pids take their place by pid. At 40,000 sockets a rebuild walks 80,000 fds: the refresh after a new process took
   * 11-15 ms with it, 6-7 ms with this.
   */
  private addOwners(fresh: readonly number[], live: ReadonlySet<number>): void {
    for (const [inode, all] of this.shared) {
      const alive = all.filter((p) => this.pids.has(p));
      if (alive.length === all.length) continue;
      if (alive.length > 1) this.shared.set(inode, alive);
      else this.shared.delete(inode);
      if (alive.length > 0) this.owners.set(inode, alive[0]);
      else this.owners.delete(inode);
    }
    for (const pid of fresh) {
      const entry = this.pids.get(pid);
      if (!entry) continue;
      for (const inode of entry.fds.values()) if (inode !== 0 && live.has(inode)) this.addHolder(inode, pid);
    }
  }

  /**
   * Inodes whose only known holder exited lose their owner, so a wanted one is looked for elsewhere (a child that
   * inherited it, a process it was sent to); addOwners settles those with several holders.
   */
  private forgetExitedOwners(): void {
    for (const [inode, pid] of this.owners)
      if (!this.pids.has(pid) && !this.shared.has(inode)) this.owners.delete(inode);
  }

  /**
   * Drops closed sockets from the maps once they outnumber the live ones: with the kernel's fd counts, a busy machine
   * may go long without a whole scan (which rebuilds the maps), and 500 connections a second would add as many
   * entries a second. Until then a closed socket stays, which lets reread() spot an fd number that held it.
   */
  private pruneOwners(live: ReadonlySet<number>): void {
    if (this.owners.size <= 2 * live.size + 1024) return;
    for (const inode of this.owners.keys()) if (!live.has(inode)) this.owners.delete(inode);
    for (const inode of this.shared.keys()) if (!live.has(inode)) this.shared.delete(inode);
  }

  /** `pid` holds `inode` too: among its holders in pid order, and its owner when it is the lowest. */
  private addHolder(inode: number, pid: number): void {
    const first = this.owners.get(inode);
    if (first === undefined || !this.pids.has(first)) {
      this.owners.set(inode, pid);
      return;
    }
    if (first === pid) return;
    const all = this.shared.get(inode) ?? [first];
    if (all.includes(pid)) return;
    const at = all.findIndex((p) => p > pid);
    if (at < 0) all.push(pid);
    else all.splice(at, 0, pid);
    this.shared.set(inode, all);
    this.owners.set(inode, all[0]);
  }

  /** `pid` no longer holds `inode`: the next holder owns it, or nobody (the next refresh then looks for one). */
  private dropHolder(inode: number, pid: number): void {
    const all = this.shared.get(inode);
    if (!all) {
      if (this.owners.get(inode) === pid) this.owners.delete(inode);
      return;
    }
    const rest = all.filter((p) => p !== pid);
    if (rest.length === all.length) return;
    if (rest.length > 1) this.shared.set(inode, rest);
    else this.shared.delete(inode);
    this.owners.set(inode, rest[0]);
  }

  private stillUnresolved(wanted: readonly number[]): number[] {
    const out: number[] = [];
    for (const inode of wanted) if (!this.owners.has(inode)) out.push(inode);
    return out;
  }

  private countDenied(): number {
    let n = 0;
    for (const entry of this.pids.values()) if (entry.denied) n++;
    return n;
  }
}
