// Socket inode -> owning pid, from /proc/<pid>/fd links (what `ss -p` does), cached so quiet ticks read no fd link.
import { readdirSync, readlinkSync } from 'node:fs';

/** The slice of /proc the owner map reads; injectable so the caching rules can be tested without real processes. */
export interface ProcFdSource {
  /** Pids of every visible process. */
  listPids(): number[];
  /** Fd names of `pid`, 'denied' when its fd directory is not readable (EACCES/EPERM), 'gone' when it exited. */
  listFds(pid: number): string[] | 'denied' | 'gone';
  /** The socket inode fd `fd` of `pid` refers to; 0 for anything else, or when the fd is gone. */
  readFdLink(pid: number, fd: string): number;
}

/** Retry interval for inodes no process could be found for, and for pids whose fds we may not read (ms). */
export const UNRESOLVED_RETRY_MS = 10_000;
/**
 * Shortest gap between two pass-2 scans (ms). Pass 2 re-reads every fd link; without this floor, a steady trickle
 * of sockets we can never attribute (other users' or other pid namespaces' processes) would re-read them all
 * every tick.
 */
export const PASS2_MIN_INTERVAL_MS = 2_000;

/** Work counters, cumulative since creation, so tests and diagnostics can see whether a tick scanned. */
export interface OwnerMapStats {
  readonly readlinkCalls: number;
  readonly fdDirReads: number;
  /** What the last refresh did: nothing, pass 1 (new fds only), or pass 2 (every fd re-read). */
  readonly lastScan: 'none' | 'pass1' | 'pass2';
}

/** The outcome of one refresh. */
export interface OwnerResult {
  /** Socket inode -> owning pid (the lowest pid when several processes share the socket). */
  readonly owners: ReadonlyMap<number, number>;
  /** Processes whose fd directory we may not read: their sockets cannot be attributed. */
  readonly deniedPids: number;
}

interface PidFds {
  /** fd name -> socket inode it referred to when last read (0: not a socket). */
  fds: Map<string, number>;
  denied: boolean;
  /** True until the first successful read of the fd directory. */
  fresh: boolean;
  /** Fd names read during the current scan (pass 2 skips them); null when none. */
  readNow: Set<string> | null;
}

/** Keeps the inode -> pid map across ticks and re-reads fd links only when sockets appear that it cannot place. */
export class OwnerMap {
  private readonly pids = new Map<number, PidFds>();
  private owners = new Map<number, number>();
  /** Inodes no visible process held at the last try -> when to look again (ms), unless the pid set changes. */
  private unresolved = new Map<number, number>();
  /** When denied fd directories were last retried (ms). */
  private lastDeniedRetryAt = -Infinity;
  private lastPass2At = -Infinity;
  private readlinks = 0;
  private dirReads = 0;
  private lastScan: OwnerMapStats['lastScan'] = 'none';

  constructor(private readonly source: ProcFdSource = procFdSource) {}

  stats(): OwnerMapStats {
    return { readlinkCalls: this.readlinks, fdDirReads: this.dirReads, lastScan: this.lastScan };
  }

  /** Brings the map up to date for the socket `inodes` of a new snapshot (0 entries are ignored). */
  refresh(inodes: readonly number[], now: number = Date.now()): OwnerResult {
    const pidSetChanged = this.syncPids();
    let wanted: Set<number> | null = null;
    for (let i = 0; i < inodes.length; i++) {
      const inode = inodes[i];
      if (inode === 0) continue;
      const pid = this.owners.get(inode);
      if (pid !== undefined && this.pids.has(pid)) continue;
      if ((this.unresolved.get(inode) ?? -Infinity) > now && !pidSetChanged) continue;
      (wanted ??= new Set()).add(inode);
    }
    this.lastScan = 'none';
    if (wanted) this.scan(inodes, wanted, now);
    return { owners: this.owners, deniedPids: this.countDenied() };
  }

  /** Drops exited processes and adds new ones; true when the set changed. */
  private syncPids(): boolean {
    const now = this.source.listPids();
    const seen = new Set<number>();
    let changed = false;
    for (const pid of now) {
      seen.add(pid);
      if (!this.pids.has(pid)) {
        this.pids.set(pid, { fds: new Map(), denied: false, fresh: true, readNow: null });
        changed = true;
      }
    }
    if (seen.size !== this.pids.size) {
      for (const pid of this.pids.keys()) if (!seen.has(pid)) this.pids.delete(pid);
      changed = true;
    }
    return changed;
  }

  private scan(inodes: readonly number[], wanted: Set<number>, now: number): void {
    const live = new Set(inodes);
    const order = [...this.pids.keys()].sort((a, b) => a - b);
    const retryDenied = now - this.lastDeniedRetryAt >= UNRESOLVED_RETRY_MS;
    if (retryDenied) this.lastDeniedRetryAt = now;
    // Only inodes not yet due for a retry, wanted because the pid set changed: read the new processes only.
    let newPidsOnly = true;
    for (const inode of wanted) if ((this.unresolved.get(inode) ?? -Infinity) <= now) newPidsOnly = false;
    this.lastScan = 'pass1';
    for (const pid of order) if (!newPidsOnly || this.pids.get(pid)?.fresh) this.pass1(pid, live, retryDenied);
    this.rebuildOwners(order, live);
    let stillWanted = this.stillUnresolved(wanted);
    // Pass 2 re-reads fds whose cached answer may be stale (an fd number closed and reused between two ticks).
    let didPass2 = false;
    if (stillWanted.length > 0 && !newPidsOnly && now - this.lastPass2At >= PASS2_MIN_INTERVAL_MS) {
      this.lastScan = 'pass2';
      didPass2 = true;
      this.lastPass2At = now;
      for (const pid of order) this.pass2(pid);
      this.rebuildOwners(order, live);
      stillWanted = this.stillUnresolved(wanted);
    }
    for (const entry of this.pids.values()) entry.readNow = null;
    const unresolved = new Map<number, number>();
    for (const [inode, at] of this.unresolved)
      if (live.has(inode) && !this.owners.has(inode)) unresolved.set(inode, at);
    for (const inode of stillWanted) {
      const due = this.unresolved.get(inode) ?? -Infinity;
      if (didPass2) unresolved.set(inode, now + UNRESOLVED_RETRY_MS);
      // Pass 2 was skipped by its rate limit: try again as soon as it is allowed.
      else if (due <= now) unresolved.set(inode, this.lastPass2At + PASS2_MIN_INTERVAL_MS);
    }
    this.unresolved = unresolved;
  }

  /** Reads the fd list of `pid` and the links of fds not seen before or whose cached socket has vanished. */
  private pass1(pid: number, live: ReadonlySet<number>, retryDenied: boolean): void {
    const entry = this.pids.get(pid);
    if (!entry || (entry.denied && !retryDenied)) return;
    this.dirReads++;
    const names = this.source.listFds(pid);
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
    const fds = new Map<string, number>();
    let readNow: Set<string> | null = null;
    for (const name of names) {
      let inode = entry.fresh ? undefined : old.get(name);
      if (inode === undefined || (inode !== 0 && !live.has(inode))) {
        this.readlinks++;
        inode = this.source.readFdLink(pid, name);
        if (!entry.fresh) (readNow ??= new Set()).add(name);
      }
      fds.set(name, inode);
    }
    // A fresh pid had every fd read just now: pass 2 has nothing to add for it.
    entry.readNow = entry.fresh ? new Set(names) : readNow;
    entry.fresh = false;
    entry.fds = fds;
  }

  /** Re-reads every fd link of `pid` not read in pass 1. */
  private pass2(pid: number): void {
    const entry = this.pids.get(pid);
    if (!entry || entry.denied) return;
    const skip = entry.readNow;
    for (const name of entry.fds.keys()) {
      if (skip?.has(name)) continue;
      this.readlinks++;
      entry.fds.set(name, this.source.readFdLink(pid, name));
    }
  }

  /** inode -> lowest pid holding it, for live inodes only (pids iterated in ascending order). */
  private rebuildOwners(order: readonly number[], live: ReadonlySet<number>): void {
    const owners = new Map<number, number>();
    for (const pid of order) {
      const entry = this.pids.get(pid);
      if (!entry) continue;
      for (const inode of entry.fds.values()) {
        if (inode !== 0 && live.has(inode) && !owners.has(inode)) owners.set(inode, pid);
      }
    }
    this.owners = owners;
  }

  private stillUnresolved(wanted: ReadonlySet<number>): number[] {
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

/** `socket:[` as char codes, compared without slicing the link text. */
const SOCKET_PREFIX = 'socket:[';

/** Parses `socket:[12345]` into 12345; 0 for any other link text (pipes, files, anon inodes). */
export function socketInodeFromLink(link: string): number {
  if (!link.startsWith(SOCKET_PREFIX)) return 0;
  let n = 0;
  for (let i = SOCKET_PREFIX.length; i < link.length; i++) {
    const c = link.charCodeAt(i);
    if (c === 93 /* ] */) return i > SOCKET_PREFIX.length ? n : 0;
    if (c < 48 || c > 57) return 0;
    n = n * 10 + (c - 48);
  }
  return 0;
}

/** The real /proc through synchronous node:fs calls (this runs in the collector process, off the UI). */
export const procFdSource: ProcFdSource = {
  listPids(): number[] {
    const out: number[] = [];
    for (const name of readdirSync('/proc')) {
      const c = name.charCodeAt(0);
      if (c >= 48 && c <= 57) out.push(Number(name));
    }
    return out;
  },
  listFds(pid: number): string[] | 'denied' | 'gone' {
    try {
      return readdirSync(`/proc/${pid}/fd`);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'EACCES' || code === 'EPERM' ? 'denied' : 'gone';
    }
  },
  readFdLink(pid: number, fd: string): number {
    try {
      return socketInodeFromLink(readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      return 0; // closed between readdir and readlink
    }
  },
};
