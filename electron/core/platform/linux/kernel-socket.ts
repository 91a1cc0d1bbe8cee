// The socket row both kernel sources (netlink sock_diag, /proc/net) decode into, before owners are attached.
import type { SocketTuple, TcpMetrics } from '../../../../shared/model/socket';

/** One kernel socket as the kernel reports it; owners (pid, process, user) come later from the owner map. */
export interface KernelSocket extends SocketTuple {
  /** Socket uid as the kernel reports it (0 for TIME_WAIT and request sockets, which keep none). */
  readonly uid: number;
  /** Socket inode; 0 when no file refers to it (TIME_WAIT, request sockets, orphans). */
  readonly inode: number;
  /** Receive queue (bytes); for LISTEN the accept queue length. */
  readonly recvQueue: number | null;
  /** Send queue (bytes); for LISTEN the backlog, or null where the source does not give it. */
  readonly sendQueue: number | null;
  readonly metrics: TcpMetrics | null;
  /** idiag_cookie as an exact decimal string (what destroy events carry too), or null where the source has none. */
  readonly cookie: string | null;
  /**
   * When the socket entered its state (ms since epoch), read from a kernel clock when this row was first decoded
   * (see kernel-age.ts), or null when the kernel keeps no clock for it (/proc/net rows, most states).
   */
  readonly kernelStateSince: number | null;
  /** False when kernelStateSince is null or a bound (the socket entered its state at or before it). */
  readonly kernelStateSinceExact: boolean;
}
