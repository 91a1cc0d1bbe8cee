// A NETLINK_SOCK_DIAG client: one socket kept open, dump requests for tcp/udp x v4/v6, replies decoded in place.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { DumpThread } from '../../ffi/dump-thread';
import { close, ErrnoError, errnoValue, recv, sendto } from '../../ffi/libc';
import { NETLINK_SOCK_DIAG, openNetlink } from '../../ffi/netlink-socket';
import type { Proto } from '../../../../shared/model/socket';
import {
  chooseSplit,
  EVERY_STATE,
  keepSplit,
  lowestBoundPort,
  type PortSplit,
  SPLIT_BYTECODE_BYTES,
  splitStates,
  splitsUnconnected,
  writeSplitBytecode,
} from './dump-split';
import type { KernelSocket } from './kernel-socket';
import { LE, NLM_F_DUMP, NLM_F_REQUEST, NLMSG_HDRLEN, writeNlmsghdr } from './netlink';
import {
  AF_INET,
  AF_INET6,
  decodeSockDiag,
  type DumpClock,
  INET_DIAG_INFO,
  SOCK_DIAG_BY_FAMILY,
  TCPDIAG_GETSOCK,
} from './sockdiag-decode';
import { DumpMemo } from './sockdiag-memo';

const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const MSG_TRUNC = 0x20;
const RECV_TIMEOUT_S = 5;
/** inet_diag_req_v2 is 56 bytes after the 16-byte nlmsghdr. */
const REQUEST_LEN = NLMSG_HDRLEN + 56;
/**
 * struct inet_diag_req (family, src_len, dst_len, ext; sockid 48; u32 states; u32 dbs) is 60 bytes: the older
 * request, which dumps TCP of both families in one walk of the kernel's table. Two v2 dumps walk it twice, and the
 * IPv6 one (nothing to report on most hosts) cost 18 ms at 40,000 IPv4 sockets here.
 */
const COMPAT_REQUEST_LEN = NLMSG_HDRLEN + 60;
/**
 * The kernel fills each dump datagram up to what the reader last asked for, capped near 32 KiB; a larger buffer
 * costs nothing and leaves room should a kernel send bigger ones (MSG_TRUNC would tell us if it did).
 */
const RECV_BUFFER_BYTES = 256 * 1024;
/** struct nlattr before the bytecode of INET_DIAG_REQ_BYTECODE. */
const NLA_HDRLEN = 4;
const INET_DIAG_REQ_BYTECODE = 1;
/**
 * From this many sockets in a table's last dump on, the next is split in two halves dumped at once, one of them
 * on a second thread (below it the thread's hand-over costs more than the second core gives). At 40,000 TCP
 * sockets here the kernel's walk took 50-60 ms whole and 35-38 ms split.
 */
const SPLIT_MIN_SOCKETS = 8000;
/** How long a split dump waits for its other half to end: past the receive timeout, which ends it first. */
const SPLIT_SETTLE_MS = (RECV_TIMEOUT_S + 2) * 1000;

const FIN_TIMEOUT_PATH = '/proc/sys/net/ipv4/tcp_fin_timeout';

/** net.ipv4.tcp_fin_timeout in ms, read now (it can change at run time), or null where /proc/sys is hidden. */
function finTimeoutMs(): number | null {
  try {
    const s = Number(readFileSync(FIN_TIMEOUT_PATH, 'latin1').trim());
    return Number.isInteger(s) && s > 0 ? s * 1000 : null;
  } catch {
    return null;
  }
}

/** Bytes a dump request takes at most (writeDumpRequest). */
export const DUMP_REQUEST_BYTES = Math.max(REQUEST_LEN, COMPAT_REQUEST_LEN) + NLA_HDRLEN + SPLIT_BYTECODE_BYTES;

/** One half of a split dump: the sockets `writeSplitBytecode` selects. */
export interface DumpHalf {
  readonly split: PortSplit;
  readonly half: 0 | 1;
  /** Whether the second half takes every socket with no remote port (splitsUnconnected). */
  readonly unconnected: boolean;
}

/**
 * Writes the dump request for every socket of `proto` and `family` (every state; TCP with its tcp_info) into
 * `buf` (DUMP_REQUEST_BYTES long, `view` over it) and returns the part to send. `family` null: TCP of every family
 * in one walk, through the older request. With `half`, only that half of a split (a bytecode filter, and for
 * TCP's first half the states it leaves to the second: see dump-split.ts).
 */
export function writeDumpRequest(
  buf: Uint8Array,
  view: DataView,
  proto: Proto,
  family: 4 | 6 | null,
  seq: number,
  half: DumpHalf | null = null,
): Uint8Array {
  const v = view;
  buf.fill(0);
  const base = family === null ? COMPAT_REQUEST_LEN : REQUEST_LEN;
  let len = base;
  if (half) {
    const code = writeSplitBytecode(v, base + NLA_HDRLEN, half.split, half.half, half.unconnected);
    v.setUint16(base, NLA_HDRLEN + code, LE);
    v.setUint16(base + 2, INET_DIAG_REQ_BYTECODE, LE);
    len += NLA_HDRLEN + code;
  }
  const states = half ? splitStates(half.half, half.unconnected) : EVERY_STATE;
  if (family === null) {
    writeNlmsghdr(v, len, TCPDIAG_GETSOCK, NLM_F_REQUEST | NLM_F_DUMP, seq);
    v.setUint8(16, AF_INET); // ignored for a dump: the kernel walks every family (AF_UNSPEC)
    v.setUint8(19, 1 << (INET_DIAG_INFO - 1));
    v.setUint32(16 + 52, states, LE);
  } else {
    writeNlmsghdr(v, len, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, seq);
    v.setUint8(16, family === 4 ? AF_INET : AF_INET6);
    v.setUint8(17, proto === 'tcp' ? IPPROTO_TCP : IPPROTO_UDP);
    v.setUint8(18, proto === 'tcp' ? 1 << (INET_DIAG_INFO - 1) : 0);
    v.setUint32(20, states, LE);
  }
  return buf.subarray(0, v.getUint32(0, LE));
}

/** One request's replies and where they go: what receiving and decoding them needs. */
interface Replies {
  readonly proto: Proto;
  readonly family: 4 | 6 | null;
  readonly seq: number;
  readonly out: KernelSocket[];
  readonly memo: DumpMemo | null;
  readonly clock: DumpClock | null;
}

/** A failure in the half the dump thread received: the table is then dumped whole, and splitting stops. */
class SecondHalfError extends Error {}

/** Where split dumps stand (for diagnostics and tests). */
export interface SplitStats {
  /** Dumps made in two halves at once so far. */
  readonly splitDumps: number;
  /** Sockets in the first half of the last split dump, and in the whole of it (null before any). */
  readonly lastSplit: {
    readonly split: PortSplit;
    /** Whether its second half took every socket with no remote port (splitsUnconnected). */
    readonly unconnected: boolean;
    readonly first: number;
    readonly total: number;
  } | null;
  /** Why dumps are no longer split, or null. */
  readonly off: string | null;
}

/** One open NETLINK_SOCK_DIAG socket; not thread-safe, one dump at a time. */
export class SockDiagClient {
  private fd: number;
  private seq: number;
  private readonly request = new Uint8Array(DUMP_REQUEST_BYTES);
  private readonly requestView = new DataView(this.request.buffer);
  private readonly rx = new Uint8Array(RECV_BUFFER_BYTES);
  /** Per table (proto + family): the last complete dump, so unchanged sockets keep their objects. */
  private readonly memos = new Map<string, DumpMemo>();
  /** Set when the kernel refused the one-walk TCP request: TCP is then dumped per family. */
  private compatOff = false;

  /** Whether each dump is compared with the previous one (false for one snapshot: nothing to compare with). */
  private readonly keepRows: boolean;
  /** Sockets in a table's last dump from which its next dump is split. */
  private readonly splitMin: number;
  /** Per table: the split its next dump uses, chosen from the dumps before. */
  private readonly splits = new Map<string, PortSplit>();
  /** Per table: the lowest local port of a bound-inactive socket in its last complete dump (lowestBoundPort). */
  private readonly boundPorts = new Map<string, number>();
  /** The thread receiving the second half, on its own socket (opened with the first split). */
  private thread: DumpThread | null = null;
  private splitFd = -1;
  private splitOff: string | null = null;
  private splitDumps = 0;
  private lastSplit: SplitStats['lastSplit'] = null;
  private readonly startThread: () => DumpThread;
  private readonly choose: typeof chooseSplit;

  /**
   * Opens the socket; throws ErrnoError (EPROTONOSUPPORT without sock_diag, EACCES under a sandbox ...).
   * `keepRows` false: every dump decodes every row, and `dump` returns null origins. `splitMinSockets`: from how
   * many sockets in a table's last dump on the next is split (tests lower it; one CPU never splits).
   * `dumpThread` starts the second half's thread (tests substitute one that fails). `chooseSplit` picks a table's
   * split from its last dump (tests split their own sockets, whatever else the machine holds).
   */
  constructor(
    o: {
      readonly keepRows?: boolean;
      readonly splitMinSockets?: number;
      readonly dumpThread?: () => DumpThread;
      readonly chooseSplit?: typeof chooseSplit;
    } = {},
  ) {
    this.keepRows = o.keepRows ?? true;
    this.splitMin = o.splitMinSockets ?? SPLIT_MIN_SOCKETS;
    this.startThread = o.dumpThread ?? (() => DumpThread.start());
    this.choose = o.chooseSplit ?? chooseSplit;
    if (availableParallelism() < 2) this.splitOff = 'dumps are not split: one CPU could not walk both halves at once';
    this.fd = openNetlink(NETLINK_SOCK_DIAG, RECV_TIMEOUT_S);
    // Start from a pseudo-random sequence so a reused fd never matches replies meant for someone else.
    this.seq = (Date.now() & 0xffff) << 8;
  }

  /**
   * Dumps every socket of `proto` and `family` (4 or 6) and appends them to `out`; throws ErrnoError or Error.
   * A socket whose decoded fields equal those in this table's previous complete dump is the same object as then.
   * Returns, per socket appended, its index in that previous dump when kept, else -1 (see DumpMemo.lastOrigins);
   * null from a client that keeps no rows. A large table is dumped in two halves at once (see dump-split.ts).
   */
  dump(proto: Proto, family: 4 | 6 | null, out: KernelSocket[]): Int32Array | null {
    if (this.fd < 0) throw new Error('sock_diag socket is closed');
    if (family === null && proto !== 'tcp') throw new Error('only TCP is dumped for both families at once');
    if (!this.keepRows) {
      this.dumpTable(proto, family, out, null);
      return null;
    }
    const table = `${proto}${family ?? ''}`;
    let memo = this.memos.get(table);
    if (!memo) this.memos.set(table, (memo = new DumpMemo()));
    memo.begin();
    const mark = out.length;
    try {
      const split = this.splitFor(table, family);
      let first: number | null = null;
      const half = split && {
        split,
        unconnected: splitsUnconnected(proto, split, this.boundPorts.get(table) ?? 0),
      };
      if (half) first = this.dumpSplitOrWhole(proto, family, out, memo, half);
      else this.dumpTable(proto, family, out, memo);
      memo.commit();
      if (proto === 'tcp') this.boundPorts.set(table, lowestBoundPort(out, mark, out.length));
      if (half && first !== null) this.lastSplit = { ...half, first, total: out.length - mark };
      // TCP dumped per family (a kernel without the one-walk request) is never split.
      if (family !== null || !this.compatOff) {
        this.reviewSplit(table, out.length - mark, first, () => this.choose(out, mark, out.length));
      }
      return memo.lastOrigins();
    } catch (e) {
      memo.abort();
      throw e;
    }
  }

  /** Split dumps so far, and why they stopped if they did. */
  splitStats(): SplitStats {
    return { splitDumps: this.splitDumps, lastSplit: this.lastSplit, off: this.splitOff };
  }

  /**
   * The split for this table's next dump, or null: none chosen, splitting off, TCP dumped per family, or the
   * thread not up yet (it starts in the background: the dumps meanwhile are whole).
   */
  private splitFor(table: string, family: 4 | 6 | null): PortSplit | null {
    if (this.splitOff !== null || (family === null && this.compatOff)) return null;
    const split = this.splits.get(table);
    if (!split || !this.thread || this.splitFd < 0 || !this.thread.ready(0)) {
      if (this.thread?.failed) this.stopSplitting('the dump thread could not load koffi');
      return null;
    }
    return split;
  }

  /**
   * After a complete dump of `count` sockets (`first` of them in the first half when it was split, null when it
   * was whole): keeps the split while the table's ports stay as they were when it was chosen, chooses one when
   * the table is large enough (and starts the thread for it), and drops it once the table has shrunk to half the
   * threshold.
   */
  private reviewSplit(table: string, count: number, first: number | null, choose: () => PortSplit | null): void {
    if (this.splitOff !== null) return;
    const current = this.splits.get(table);
    if (count < (current ? this.splitMin / 2 : this.splitMin)) {
      this.splits.delete(table);
      return;
    }
    if (current && (first === null || keepSplit(current, first, count))) return;
    const next = choose();
    if (!next) {
      this.splits.delete(table);
      return;
    }
    if (!this.startSplitting()) return;
    this.splits.set(table, next);
  }

  /**
   * Opens the second socket and starts its thread, once, without waiting for it (some tens of ms to load koffi);
   * false, and splitting off, when either cannot be had.
   */
  private startSplitting(): boolean {
    if (this.thread) return true;
    try {
      this.splitFd = openNetlink(NETLINK_SOCK_DIAG, RECV_TIMEOUT_S);
      this.thread = this.startThread();
      return true;
    } catch (e) {
      this.stopSplitting(`no second socket or thread (${e instanceof ErrnoError ? e.code : String(e)})`);
      return false;
    }
  }

  /** Ends splitting for good (`why` says why in splitStats), closing the second socket and the thread. */
  private stopSplitting(why: string): void {
    this.splitOff = `dumps are not split: ${why}`;
    this.splits.clear();
    this.thread?.stop();
    this.thread = null;
    if (this.splitFd >= 0) close(this.splitFd);
    this.splitFd = -1;
  }

  /**
   * A split dump. When the kernel refuses the split request before any socket (a kernel without bytecode
   * filters, say), or the second half fails (its thread, its socket), splitting stops for good and the table is
   * dumped whole instead. Returns the first half's count, or null.
   */
  private dumpSplitOrWhole(
    proto: Proto,
    family: 4 | 6 | null,
    out: KernelSocket[],
    memo: DumpMemo,
    split: Omit<DumpHalf, 'half'>,
  ): number | null {
    const mark = out.length;
    try {
      return this.dumpSplit(proto, family, out, memo, split) - mark;
    } catch (e) {
      if (e instanceof SecondHalfError) this.stopSplitting(`the second half of a split dump failed (${e.message})`);
      else if (e instanceof ErrnoError && e.syscall.startsWith('sock_diag') && out.length === mark) {
        this.stopSplitting(`the kernel refused a split dump (${e.code})`);
      } else throw e;
      out.length = mark;
      memo.begin();
      this.dumpTable(proto, family, out, memo);
      return null;
    }
  }

  /**
   * Both halves at once: the second's request goes out on the second socket and its thread receives the replies,
   * while this thread receives and decodes the first half's, then decodes what the thread received. Returns
   * out.length after the first half.
   */
  private dumpSplit(
    proto: Proto,
    family: 4 | 6 | null,
    out: KernelSocket[],
    memo: DumpMemo,
    split: Omit<DumpHalf, 'half'>,
  ): number {
    const thread = this.thread;
    if (!thread) throw new Error('sock_diag: no dump thread');
    const clock = this.clockFor(proto);
    const seqB = this.nextSeq();
    thread.begin(
      this.splitFd,
      seqB,
      writeDumpRequest(this.request, this.requestView, proto, family, seqB, { ...split, half: 1 }),
    );
    this.splitDumps++;
    try {
      const seqA = this.nextSeq();
      sendto(
        this.fd,
        writeDumpRequest(this.request, this.requestView, proto, family, seqA, { ...split, half: 0 }),
        0,
        null,
      );
      this.receive(this.fd, { proto, family, seq: seqA, out, memo, clock });
      const first = out.length;
      try {
        this.takeThreadReplies(thread, { proto, family, seq: seqB, out, memo, clock });
      } catch (e) {
        throw new SecondHalfError(e instanceof Error ? e.message : String(e));
      }
      return first;
    } finally {
      // The second socket is clean again only once its dump ended; a thread stuck past its receive timeout is
      // given up, and its socket left open rather than closed under a recv() still running.
      if (!thread.settle(SPLIT_SETTLE_MS)) {
        this.splitOff = 'dumps are not split: the dump thread did not finish a dump';
        thread.stop();
        this.thread = null;
        this.splitFd = -1;
      }
    }
  }

  /** Decodes the thread's datagrams as they land, until the second half's NLMSG_DONE. */
  private takeThreadReplies(thread: DumpThread, replies: Replies): void {
    const deadline = performance.now() + SPLIT_SETTLE_MS;
    for (let taken = 0; ;) {
      const at = thread.wait(taken, 50);
      for (; taken < at.published; taken++) {
        const d = thread.datagram(taken);
        if (this.decoded(d, d.length, replies)) return;
      }
      if (at.finished) {
        if (at.failedCall === 'thread') throw new Error('the dump thread failed');
        if (at.errno !== null) throw new ErrnoError(at.failedCall ?? 'recv', at.errno);
        throw new Error('sock_diag: the kernel closed the dump without NLMSG_DONE');
      }
      if (performance.now() > deadline) throw new Error('sock_diag: the second half of a split dump did not end');
    }
  }

  /** The dumps of one table: TCP of both families in one walk where the kernel takes the older request. */
  private dumpTable(proto: Proto, family: 4 | 6 | null, out: KernelSocket[], memo: DumpMemo | null): void {
    if (family !== null) this.dumpInto(proto, family, out, memo);
    else if (!this.compatOff) {
      const mark = out.length;
      try {
        this.dumpInto(proto, null, out, memo);
      } catch (e) {
        // A kernel without the older request answers it with an error before any socket: per family then. Only
        // the kernel's own answer counts (a timeout or a failed send is a failure, not a missing request).
        if (!(e instanceof ErrnoError) || !e.syscall.startsWith('sock_diag') || out.length !== mark) throw e;
        this.compatOff = true;
      }
    }
    if (family === null && this.compatOff) {
      this.dumpInto(proto, 4, out, memo);
      this.dumpInto(proto, 6, out, memo);
    }
  }

  private nextSeq(): number {
    return (this.seq = (this.seq + 1) >>> 0);
  }

  /** The kernel's "ms since" and "ms left" count from the moment it walks the table, right after the request. */
  private clockFor(proto: Proto): DumpClock | null {
    return proto === 'tcp' ? { takenAt: Date.now(), finTimeoutMs: finTimeoutMs() } : null;
  }

  /** One dump request and its replies; `family` null: TCP of every family through the older request. */
  private dumpInto(proto: Proto, family: 4 | 6 | null, out: KernelSocket[], memo: DumpMemo | null): void {
    const seq = this.nextSeq();
    const request = writeDumpRequest(this.request, this.requestView, proto, family, seq);
    const clock = this.clockFor(proto);
    // No address: netlink's default peer is the kernel.
    sendto(this.fd, request, 0, null);
    this.receive(this.fd, { proto, family, seq, out, memo, clock });
  }

  /** Receives and decodes the replies to the request just sent on `fd`, up to its NLMSG_DONE. */
  private receive(fd: number, replies: Replies): void {
    const eintr = errnoValue('EINTR');
    for (;;) {
      let n: number;
      try {
        n = recv(fd, this.rx, MSG_TRUNC);
      } catch (e) {
        if (e instanceof ErrnoError && e.errno === eintr) continue;
        throw e;
      }
      if (n === 0) throw new Error('sock_diag: the kernel closed the dump without NLMSG_DONE');
      if (n > this.rx.length) throw new Error(`sock_diag: a ${n}-byte reply does not fit the receive buffer`);
      if (this.decoded(this.rx, n, replies)) return;
    }
  }

  /** Decodes one datagram; true at the dump's NLMSG_DONE, throws on the kernel's error or a malformed reply. */
  private decoded(buf: Uint8Array, n: number, r: Replies): boolean {
    const status = decodeSockDiag(buf, n, r.proto, r.seq, r.out, r.memo, r.clock);
    if (status.kind === 'done') return true;
    if (status.kind === 'error') {
      const table = `${r.proto}${r.family ?? ''}`;
      if (status.errno !== null) throw new ErrnoError(`sock_diag ${table}`, status.errno);
      throw new Error(`sock_diag ${table}: ${status.message}`);
    }
    return false;
  }

  /** Closes the sockets and ends the thread; later dumps throw. */
  close(): void {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    close(fd);
    this.thread?.stop();
    this.thread = null;
    if (this.splitFd >= 0) close(this.splitFd);
    this.splitFd = -1;
  }
}
