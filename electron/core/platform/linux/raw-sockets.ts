// Kernel rows + owners -> RawSockets, keeping last snapshot's object wherever neither the row nor its owner changed.
import { rawSocket } from '../../../../shared/logic/raw-socket';
import type { ProcessInfo, RawSocket } from '../../../../shared/model/socket';
import type { KernelSocket } from './kernel-socket';
import { userName } from './proc-info';

/** One table's run of rows in a snapshot: [start, end) and, from sock_diag, where each row's object came from. */
export interface TableRun {
  /** Index of the table (proto + family) in the collector's fixed table order. */
  readonly table: number;
  readonly start: number;
  readonly end: number;
  /** Per row: its index in the table's previous complete dump when the decoder kept its object, else -1. */
  readonly origins: Int32Array | null;
}

/**
 * Orders the processes sharing one socket parent first: a holder whose parent also holds it comes after that
 * parent (nginx's master before its workers), ties by pid.
 */
export function parentFirst(pids: readonly number[], ppidOf: (pid: number) => number | null): number[] {
  const held = new Set(pids);
  const depth = (pid: number): number => {
    let d = 0;
    for (let p = ppidOf(pid); p !== null && held.has(p) && d < pids.length; p = ppidOf(p)) d++;
    return d;
  };
  const depths = new Map(pids.map((p) => [p, depth(p)]));
  return [...pids].sort((a, b) => (depths.get(a) ?? 0) - (depths.get(b) ?? 0) || a - b);
}

/** True when `a` names the processes `holders` would make, in the same order (by pid and name). */
function sameHolders(
  a: RawSocket['owners'],
  holders: readonly { readonly pid: number; readonly info: ProcessInfo | null }[],
): boolean {
  return (
    a.length === holders.length &&
    a.every((o, i) => o.pid === holders[i].pid && o.process === (holders[i].info?.name ?? null))
  );
}

/** True when `a` is the owner list of a socket held by `pid` alone (none when null), named `name`. */
function sameSingle(a: RawSocket['owners'], pid: number | null, name: string | null): boolean {
  return pid === null ? a.length === 0 : a.length === 1 && a[0].pid === pid && a[0].process === name;
}

/**
 * The RawSocket for kernel row `r` owned by `pid` (and, for a shared socket, by every process in `holders`, parent
 * first, `pid` among them): `prev` itself when it was made from this same row object with the same owners, so that
 * unchanged sockets are the same object (===) from one snapshot to the next.
 */
export function withOwner(
  r: KernelSocket,
  pid: number | null,
  info: ProcessInfo | null,
  prev?: RawSocket,
  holders?: readonly { readonly pid: number; readonly info: ProcessInfo | null }[],
): RawSocket {
  // TIME_WAIT and request sockets keep no uid (the kernel reports 0, which would read as root).
  const uidless = r.state === 'TIME_WAIT' || (r.inode === 0 && r.state === 'SYN_RECEIVED');
  const uid = info?.uid ?? (uidless ? null : r.uid);
  const name = info?.name ?? null;
  const user = info?.user ?? (uid === null ? null : userName(uid));
  // Compared before the owner list is made: an unchanged socket (most, on every refresh) allocates nothing.
  if (
    prev &&
    prev.pid === pid &&
    prev.process === name &&
    prev.user === user &&
    prev.uid === uid &&
    (holders ? sameHolders(prev.owners, holders) : sameSingle(prev.owners, pid, name))
  ) {
    return prev;
  }
  const owners = holders
    ? holders.map((h) => ({ pid: h.pid, process: h.info?.name ?? null, user: h.info?.user ?? null }))
    : pid === null
      ? []
      : [{ pid, process: name, user }];
  return rawSocket(r, r, { pid, process: name, user, uid, owners });
}

/*
 * What a snapshot remembers of each row's owner, by position, so the next one can tell without reading the row or
 * its RawSocket whether that owner still stands: the owning pid when one process holds the socket, else one of
 * these codes.
 */
/** No owner, and no inode to look for one by (TIME_WAIT and request sockets). */
export const OWNER_NONE = -1;
/** No process found holding a socket that has an inode (a hidden owner: another user's, or a kernel socket). */
export const OWNER_HIDDEN = -2;
/** Several processes hold it: its owner list is made again every time. */
export const OWNER_SHARED = -3;
/** A row with no remembered owner (new, or its table's run was made at another owner-map version). */
export const OWNER_UNKNOWN = -4;

/** The owner code of a row owned by `pid` (or by `holders`), with `inode`. */
export function ownerCode(pid: number | null, inode: number, shared: boolean): number {
  if (shared) return OWNER_SHARED;
  if (pid !== null) return pid;
  return inode === 0 ? OWNER_NONE : OWNER_HIDDEN;
}

/** One table's run as a snapshot left it. */
export interface LastRun {
  readonly rows: readonly KernelSocket[];
  readonly sockets: readonly RawSocket[];
  /** Per row of the snapshot (all tables, by position): its inode and its owner code (ownerCode). */
  readonly inodes: Float64Array;
  readonly codes: Int32Array;
  readonly base: number;
  /** The owner map's version (OwnerResult.version) the sockets' owners were read at. */
  readonly ownerVersion: number;
}

/** Per row of a new snapshot, what its previous self left (RawSocketMemo.recall); `at` and `owners` until the next. */
export interface Recalled {
  /** Index into its table's LastRun arrays of the row's previous self (the decoder kept its object), else -1. */
  readonly at: Int32Array;
  /** Its inode, read from the previous snapshot where the row was kept (no row is read). */
  readonly inodes: Float64Array;
  /** Its previous owner code where the row was kept and its run made at the version asked for, else OWNER_UNKNOWN. */
  readonly owners: Int32Array;
  /** For the caller to fill with each row's owner code in this snapshot, and hand to `remember` with `inodes`. */
  readonly codes: Int32Array;
}

/** A snapshot's inodes and owner codes, in arrays reused once no remembered run holds them. */
interface RowArrays {
  readonly inodes: Float64Array;
  readonly codes: Int32Array;
}

/**
 * Per table, the rows and RawSockets of the snapshot whose dump the decoder now compares against (its last
 * complete one), so a kept row finds its RawSocket by position: no map, nothing allocated on a quiet tick.
 */
export class RawSocketMemo {
  private readonly last: Array<LastRun | null>;
  private scratchAt = new Int32Array(0);
  private scratchOwners = new Int32Array(0);
  /** Arrays of earlier snapshots: those no remembered run holds any more are used again (one per table suffices). */
  private readonly pool: RowArrays[] = [];

  constructor(tables: number) {
    this.last = new Array<LastRun | null>(tables).fill(null);
  }

  /** `table`'s remembered run, or null before any. */
  lastRun(table: number): LastRun | null {
    return this.last[table];
  }

  /** Index into `lastRun(run.table)`'s arrays of row `i` of `run` (rows[i] === r) when the decoder kept it, else -1. */
  position(run: TableRun, i: number, r: KernelSocket): number {
    const o = run.origins === null ? -1 : run.origins[i - run.start];
    const last = this.last[run.table];
    if (o < 0 || last === null || last.rows[last.base + o] !== r) return -1;
    return last.base + o;
  }

  /**
   * One pass over a new snapshot's rows: each kept row's position, inode and (where its run was made at
   * `ownerVersion`) owner from the previous snapshot, so that neither the row nor its old RawSocket is read; a new
   * row's inode from the row itself.
   */
  recall(runs: readonly TableRun[], rows: readonly KernelSocket[], ownerVersion: number): Recalled {
    const n = rows.length;
    // Positions and owners are read before the next recall only: their arrays are this memo's, reused. The inodes
    // and codes go on to the snapshot's runs (remember): theirs are used again once no run holds them, so a quiet
    // refresh allocates none of them (allocated outside the heap, they would bring a full collection every some
    // 64 MB of them).
    if (this.scratchAt.length < n) {
      const size = Math.max(n, 2 * this.scratchAt.length);
      this.scratchAt = new Int32Array(size);
      this.scratchOwners = new Int32Array(size);
    }
    const at = this.scratchAt.subarray(0, n);
    const owners = this.scratchOwners.subarray(0, n);
    const { inodes, codes } = this.rowArrays(n);
    for (const run of runs) {
      const last = this.last[run.table];
      const sameOwners = last !== null && last.ownerVersion === ownerVersion;
      for (let i = run.start; i < run.end; i++) {
        const p = this.position(run, i, rows[i]);
        at[i] = p;
        if (p < 0 || last === null) {
          inodes[i] = rows[i].inode;
          owners[i] = OWNER_UNKNOWN;
        } else {
          inodes[i] = last.inodes[p];
          owners[i] = sameOwners ? last.codes[p] : OWNER_UNKNOWN;
        }
      }
    }
    return { at, inodes, owners, codes };
  }

  /** Inodes and codes for `n` rows, in pooled arrays no remembered run holds, or new ones. */
  private rowArrays(n: number): RowArrays {
    const held = (a: RowArrays): boolean => this.last.some((l) => l !== null && l.inodes.buffer === a.inodes.buffer);
    let free = this.pool.findIndex((a) => !held(a));
    if (free >= 0 && this.pool[free].inodes.length < n) {
      this.pool.splice(free, 1);
      free = -1;
    }
    if (free < 0) {
      // Room to grow: a table that gains sockets does not need new arrays every refresh.
      const size = Math.max(1024, Math.ceil(n * 1.25));
      this.pool.push({ inodes: new Float64Array(size), codes: new Int32Array(size) });
      free = this.pool.length - 1;
    }
    const a = this.pool[free];
    return { inodes: a.inodes.subarray(0, n), codes: a.codes.subarray(0, n) };
  }

  /**
   * Remembers this snapshot's runs that came from sock_diag. A table that fell back to /proc/net keeps its older
   * run: the decoder still compares against that dump, so the positions still line up.
   */
  remember(
    runs: readonly TableRun[],
    rows: readonly KernelSocket[],
    sockets: readonly RawSocket[],
    ownerVersion: number,
    inodes: Float64Array,
    codes: Int32Array,
  ): void {
    for (const run of runs) {
      if (run.origins !== null) {
        this.last[run.table] = { rows, sockets, inodes, codes, base: run.start, ownerVersion };
      }
    }
  }
}
