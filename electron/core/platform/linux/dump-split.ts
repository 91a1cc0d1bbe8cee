// Splitting one sock_diag dump in two halves the kernel can walk at the same time: an inet_diag bytecode filter
// on the local port (below a threshold, and the rest), chosen from the last dump so that both threads finish at
// about the same time.
// Only the local port: it is fixed from bind() to close, so every socket is in exactly one half even while the
// halves are walked at once. The remote port is not: a bound socket that connects, or a UDP socket that connects
// or disconnects, changes it mid-dump, and could then be missed by both halves (and logged as closed). A table
// whose sockets nearly all share one local port (a busy server) is therefore dumped whole.
import type { KernelSocket } from './kernel-socket';
import { LE } from './netlink';

/** Half 0 holds the sockets whose local port is below `below`; half 1 the rest. */
export interface PortSplit {
  readonly below: number;
  /** The first half's share of the dump it was chosen from. */
  readonly share: number;
}

/** inet_diag_bc_op codes (linux/inet_diag.h): source (local) port >= and <=. */
const BC_S_GE = 2;
const BC_S_LE = 3;
/** Two inet_diag_bc_op: the comparison, then the port in the second op's `no` field. */
export const SPLIT_BYTECODE_BYTES = 8;

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

/**
 * The bytecode selecting half `half` of `split`, written into `out` at `at` (SPLIT_BYTECODE_BYTES bytes). The
 * kernel runs it per socket: a true comparison jumps to the end (accept), a false one past it (reject). Ports are
 * compared in host order.
 */
export function writeSplitBytecode(out: DataView, at: number, split: PortSplit, half: 0 | 1): void {
  // Half 0: local port <= below - 1; half 1: local port >= below.
  out.setUint8(at, half === 0 ? BC_S_LE : BC_S_GE);
  out.setUint8(at + 1, SPLIT_BYTECODE_BYTES); // yes: to the end of the program
  out.setUint16(at + 2, SPLIT_BYTECODE_BYTES + 4, LE); // no: past the end
  out.setUint8(at + 4, 0);
  out.setUint8(at + 5, 0);
  out.setUint16(at + 6, half === 0 ? split.below - 1 : split.below, LE);
}

/** Whether a socket is in half 0 of `split` (what the kernel's filter decides, for checks and tests). */
export function inFirstHalf(s: KernelSocket, split: PortSplit): boolean {
  return s.localPort < split.below;
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
