// Kernel rows + owners -> RawSockets, keeping last snapshot's object wherever neither the row nor its owner changed.
import type { ProcessInfo, RawSocket } from '../../../../shared/model/socket';
import type { KernelSocket } from './kernel-socket';
import { userName } from './proc-info';

/** What the kernel adds to a Linux socket row beyond the shared model (see KernelSocket). */
export type KernelFacts = Pick<KernelSocket, 'cookie' | 'kernelStateSince' | 'kernelStateSinceExact'>;

/** A RawSocket carrying the kernel's facts as extra properties, until the shared model names them. */
export type RawSocketWithKernel = RawSocket & KernelFacts;

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
 * The RawSocket for kernel row `r` owned by `pid`: `prev` itself when it was made from this same row object with
 * the same owner, so that unchanged sockets are the same object (===) from one snapshot to the next.
 */
export function withOwner(
  r: KernelSocket,
  pid: number | null,
  info: ProcessInfo | null,
  prev?: RawSocketWithKernel,
): RawSocketWithKernel {
  // TIME_WAIT and request sockets keep no uid (the kernel reports 0, which would read as root).
  const uidless = r.state === 'TIME_WAIT' || (r.inode === 0 && r.state === 'SYN_RECEIVED');
  const uid = info?.uid ?? (uidless ? null : r.uid);
  const name = info?.name ?? null;
  const user = info?.user ?? (uid === null ? null : userName(uid));
  if (prev && prev.pid === pid && prev.process === name && prev.user === user && prev.uid === uid) return prev;
  return {
    proto: r.proto,
    family: r.family,
    localAddress: r.localAddress,
    localPort: r.localPort,
    remoteAddress: r.remoteAddress,
    remotePort: r.remotePort,
    state: r.state,
    pid,
    process: name,
    user,
    uid,
    inode: r.inode,
    recvQueue: r.recvQueue,
    sendQueue: r.sendQueue,
    metrics: r.metrics,
    cookie: r.cookie,
    kernelStateSince: r.kernelStateSince,
    kernelStateSinceExact: r.kernelStateSinceExact,
  };
}

interface LastRun {
  readonly rows: readonly KernelSocket[];
  readonly sockets: readonly RawSocketWithKernel[];
  readonly base: number;
}

/**
 * Per table, the rows and RawSockets of the snapshot whose dump the decoder now compares against (its last
 * complete one), so a kept row finds its RawSocket by position: no map, nothing allocated on a quiet tick.
 */
export class RawSocketMemo {
  private readonly last: Array<LastRun | null>;

  constructor(tables: number) {
    this.last = new Array<LastRun | null>(tables).fill(null);
  }

  /** Last snapshot's RawSocket for row `i` of `run` (rows[i] === r), when the decoder kept that row's object. */
  previous(run: TableRun, i: number, r: KernelSocket): RawSocketWithKernel | undefined {
    const o = run.origins === null ? -1 : run.origins[i - run.start];
    const last = this.last[run.table];
    if (o < 0 || last === null || last.rows[last.base + o] !== r) return undefined;
    return last.sockets[last.base + o];
  }

  /**
   * Remembers this snapshot's runs that came from sock_diag. A table that fell back to /proc/net keeps its older
   * run: the decoder still compares against that dump, so the positions still line up.
   */
  remember(runs: readonly TableRun[], rows: readonly KernelSocket[], sockets: readonly RawSocketWithKernel[]): void {
    for (const run of runs) if (run.origins !== null) this.last[run.table] = { rows, sockets, base: run.start };
  }
}
