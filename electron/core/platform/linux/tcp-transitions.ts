// Traced TCP state transitions in the model's terms, and the failed connects they reveal (SYN_SENT -> CLOSE).
import type { Family, SocketState } from '../../../../shared/model/socket';
import type { SetStateRecord } from './trace-ring-decode';
import { tcpStateFromLinux } from './tcp-states';

/** One state change of one TCP socket, as the kernel reported it when it happened. */
export interface TcpTransition {
  /** When it happened (ms since epoch, from the trace clock; sub-ms precision kept). */
  readonly at: number;
  /**
   * The process (thread group) of the task running when the kernel changed the state: the caller of connect(),
   * listen(), close() or shutdown(); for a packet, whichever task it was processed on (often the sender on
   * loopback; 0 for a CPU's idle task). Null when that thread had exited before it could be looked up.
   */
  readonly pid: number | null;
  /** That task's own id (a thread id; the process id for a single-threaded process). */
  readonly tid: number;
  /** Its command name as the kernel recorded it with the event, or null. */
  readonly comm: string | null;
  readonly proto: 'tcp';
  readonly family: Family;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly from: SocketState;
  readonly to: SocketState;
  /** The socket's kernel address (hex), stable over its life; a new accepted socket has its own. */
  readonly skaddr: string;
}

/** A connect() that never succeeded: the socket went from SYN_SENT straight to CLOSE (refused, timed out ...). */
export interface FailedConnect {
  readonly at: number;
  /** Who called connect(): the pid of the CLOSE -> SYN_SENT step on the same socket, or null when that step came
   * before tracing started. */
  readonly pid: number | null;
  readonly comm: string | null;
  readonly family: Family;
  readonly localAddress: string;
  readonly localPort: number;
  /** The destination it tried. */
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly skaddr: string;
}

const IPPROTO_TCP = 6;

/**
 * A record in the model's terms (`pid`: the process of the record's task), or null for another protocol (SCTP,
 * MPTCP) or a state number we do not know.
 */
export function toTransition(
  r: SetStateRecord,
  at: number,
  pid: number | null,
  comm: string | null,
): TcpTransition | null {
  if (r.protocol !== IPPROTO_TCP) return null;
  const from = tcpStateFromLinux(r.oldstate);
  const to = tcpStateFromLinux(r.newstate);
  if (from === null || to === null) return null;
  return {
    at,
    pid,
    tid: r.pid,
    comm,
    proto: 'tcp',
    family: r.family === 10 ? 6 : 4,
    localAddress: r.saddr,
    localPort: r.sport,
    remoteAddress: r.daddr,
    remotePort: r.dport,
    from,
    to,
    skaddr: r.skaddr,
  };
}

/**
 * Remembers who started each connect (CLOSE -> SYN_SENT; its source port is still 0 then) until the socket leaves
 * SYN_SENT, and turns SYN_SENT -> CLOSE into a FailedConnect attributed to that caller. Bounded: the oldest
 * pending connects are forgotten past `max` (they would then be reported with pid null).
 */
export class FailedConnectTracker {
  private readonly pending = new Map<string, { readonly pid: number | null; readonly comm: string | null }>();

  constructor(private readonly max = 100_000) {}

  /** Feeds one transition; returns the failed connect it completes, if any. */
  note(t: TcpTransition): FailedConnect | null {
    if (t.to === 'SYN_SENT') {
      this.pending.delete(t.skaddr);
      this.pending.set(t.skaddr, { pid: t.pid, comm: t.comm });
      if (this.pending.size > this.max) this.pending.delete(this.pending.keys().next().value as string);
      return null;
    }
    if (t.from !== 'SYN_SENT') return null;
    const caller = this.pending.get(t.skaddr);
    this.pending.delete(t.skaddr);
    if (t.to !== 'CLOSED') return null;
    return {
      at: t.at,
      pid: caller?.pid ?? null,
      comm: caller?.comm ?? null,
      family: t.family,
      localAddress: t.localAddress,
      localPort: t.localPort,
      remoteAddress: t.remoteAddress,
      remotePort: t.remotePort,
      skaddr: t.skaddr,
    };
  }

  /** Connects started and not finished yet. */
  get inFlight(): number {
    return this.pending.size;
  }
}
