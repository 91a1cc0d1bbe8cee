// Splitting one sock_diag dump in two halves the kernel can walk at the same time: an inet_diag bytecode filter
// on the local port (below a threshold, and the rest), chosen from the last dump so that both threads finish at
// about the same time.
// Only the local port: it is fixed from bind() to close, so every socket is in exactly one half even while the
// halves are walked at once. The remote port is not: a bound socket that connects, or a UDP socket that connects
// or disconnects, changes it mid-dump, and could then be missed by both halves (and logged as closed). A table
// whose sockets nearly all share one local port (a busy server) is therefore dumped whole.
// A TCP dump walks the listening sockets, then every bound port's sockets (for those bound but inactive), then
// the connections; the first two walks cost the same whatever the filter (the bound ports' walk some 5 ms at
// 40,000 sockets). So only the second half walks them, and takes every socket with no remote port: all the
// listening and bound-inactive ones (a connection always has a remote port); the first half asks for neither
// state and walks only the connections. One socket could then be missed: a bound-inactive one of the first
// half's ports that connects after the second half walked the bound ports and before the first half reached it
// among the connections (a single walk sees it in one place or the other, since it walks the bound ports first).
// So a TCP table whose last dump had a bound-inactive socket among the first half's ports is split by local port
// alone, each half walking the bound ports for its own (see splitsUnconnected).
import type { Proto } from '../../../../shared/model/socket';
import type { KernelSocket } from './kernel-socket';
import { LE } from './netlink';

/** Half 0 holds the sockets whose local port is below `below`; half 1 the rest (but see splitsUnconnected). */
export interface PortSplit {
  readonly below: number;
  /** The first half's share of the dump it was chosen from. */
  readonly share: number;
}

/** inet_diag_bc_op codes (linux/inet_diag.h): source (local) port >= and <=, destination (remote) port <=. */
const BC_S_GE = 2;
const BC_S_LE = 3;
const BC_D_LE = 5;
/** One comparison: two inet_diag_bc_op, the comparison, then the port in the second op's `no` field. */
const COMPARISON_BYTES = 8;
/** The longest split program: TCP's second half, two comparisons. */
export const SPLIT_BYTECODE_BYTES = 2 * COMPARISON_BYTES;

/** Every TCP state, as a request's idiag_states. */
export const EVERY_STATE = 0xffffffff;
/** TCPF_LISTEN and TCPF_BOUND_INACTIVE (1 << TCP_LISTEN, 1 << TCP_BOUND_INACTIVE; the kernel ignores the latter before 6.6). */
const NO_REMOTE_PORT_STATES = (1 << 10) | (1 << 13);

/** No bound-inactive socket (lowestBoundPort). */
export const NO_BOUND_PORT = 65536;

/**
 * The lowest local port of a bound-inactive TCP socket (a CLOSED one with no remote port) in rows[start, end), or
 * NO_BOUND_PORT.
 */
export function lowestBoundPort(rows: readonly KernelSocket[], start: number, end: number): number {
  let lowest = NO_BOUND_PORT;
  for (let i = start; i < end; i++) {
    const r = rows[i];
    if (r.remotePort === 0 && r.localPort < lowest && r.state === 'CLOSED' && r.proto === 'tcp') lowest = r.localPort;
  }
  return lowest;
}

/**
 * Whether a dump of `proto` split by `split` leaves every socket with no remote port to the second half: TCP,
 * when the table's last dump had no bound-inactive socket among the first half's ports (`lowestBound`, from
 * lowestBoundPort).
 */
export function splitsUnconnected(proto: Proto, split: PortSplit, lowestBound: number): boolean {
  return proto === 'tcp' && lowestBound >= split.below;
}

/** The states half `half`'s request asks for: with `unconnected`, the first half leaves the listening and bound-inactive ones out. */
export function splitStates(half: 0 | 1, unconnected: boolean): number {
  return unconnected && half === 0 ? (EVERY_STATE & ~NO_REMOTE_PORT_STATES) >>> 0 : EVERY_STATE;
}

/**
 * The share of the sockets the first half should hold. This thread receives and decodes the first half, then
 * decodes the second, which the dump thread received meanwhile; so a smaller first half looked right, but
 * measured in the collector at 40,000 sockets (20 refreshes each, alternated), even halves were fastest: median
 * refresh 69-71 ms at 0.5, 72-75 ms at 0.45, 66-74 ms at 0.42, 69-80 ms at 0.35.
 */
export const FIRST_SHARE = 0.5;
/** A split is kept while its first half's share stays this close to the share it had when chosen. */
const KEEP_WITHIN = 0.1;
/** No split is made when the best one misses FIRST_SHARE by more than this (e.g. one local port for all). */
const MAKE_WITHIN = 0.2;

/** Writes one port comparison at `at`: `yes` and `no` are the jumps from it (bytes) when it holds and when not. */
function comparison(out: DataView, at: number, code: number, port: number, yes: number, no: number): void {
  out.setUint8(at, code);
  out.setUint8(at + 1, yes);
  out.setUint16(at + 2, no, LE);
  out.setUint8(at + 4, 0);
  out.setUint8(at + 5, 0);
  out.setUint16(at + 6, port, LE);
}

/**
 * The bytecode selecting half `half` of `split`, written into `out` at `at`; returns its length (at most
 * SPLIT_BYTECODE_BYTES). With `unconnected` (splitsUnconnected), the second half also takes every socket with no
 * remote port. The kernel runs it per socket: a jump to the end accepts, one past it rejects. Ports are compared
 * in host order. Each op's `yes` leads to the next op or the end, as the kernel's audit requires of a program.
 */
export function writeSplitBytecode(
  out: DataView,
  at: number,
  split: PortSplit,
  half: 0 | 1,
  unconnected: boolean,
): number {
  const c = COMPARISON_BYTES;
  // Half 0: local port <= below - 1.
  if (half === 0) comparison(out, at, BC_S_LE, split.below - 1, c, c + 4);
  // Half 1 by local port alone: local port >= below.
  else if (!unconnected) comparison(out, at, BC_S_GE, split.below, c, c + 4);
  else {
    // Half 1 with the unconnected: local port >= below, or no remote port: not (local port <= below - 1) jumps
    // to the end; else remote port <= 0 ends there, and anything else is rejected.
    comparison(out, at, BC_S_LE, split.below - 1, c, 2 * c);
    comparison(out, at + c, BC_D_LE, 0, c, c + 4);
    return 2 * c;
  }
  return c;
}

/**
 * Whether a socket is in half 0 of `split`, with or without `unconnected` (what the kernel's filter and states
 * decide, for checks and tests).
 */
export function inFirstHalf(s: KernelSocket, split: PortSplit, unconnected: boolean): boolean {
  return s.localPort < split.below && (!unconnected || s.remotePort !== 0);
}

/**
 * Whether `split`, whose last dump put `first` of `total` sockets in its first half, is still worth keeping: the
 * table's ports have not drifted from those it was chosen for.
 */
export function keepSplit(split: PortSplit, first: number, total: number): boolean {
  return total > 0 && Math.abs(first / total - split.share) <= KEEP_WITHIN;
}

const counts = new Uint32Array(65536);

/**
 * The split of rows[start, end) by local port whose first half comes closest to FIRST_SHARE, or null when even
 * the best misses it by more than MAKE_WITHIN.
 */
export function chooseSplit(rows: readonly KernelSocket[], start: number, end: number): PortSplit | null {
  const total = end - start;
  if (total === 0) return null;
  counts.fill(0);
  for (let i = start; i < end; i++) counts[rows[i].localPort]++;
  // The first port whose bin reaches the share, as the threshold with its bin in the first half or not.
  let below = 0;
  let port = 0;
  for (; port < 65536 && below + counts[port] < total * FIRST_SHARE; port++) below += counts[port];
  let best: PortSplit | null = null;
  let bestMiss = MAKE_WITHIN;
  for (const [threshold, first] of [
    [port, below],
    [port + 1, below + (port < 65536 ? counts[port] : 0)],
  ] as const) {
    if (threshold < 1 || threshold > 65535) continue;
    const miss = Math.abs(first / total - FIRST_SHARE);
    if (miss < bestMiss) {
      bestMiss = miss;
      best = { below: threshold, share: first / total };
    }
  }
  return best;
}
