// When a socket entered its state, from the kernel clocks one sock_diag dump carries (timers, tcp_info "ms since").
import type { SocketState } from '../../../../shared/model/socket';

/** idiag_timer values (include/uapi/linux/inet_diag.h). */
export const IDIAG_TIMER_OFF = 0;
export const IDIAG_TIMER_TIMEWAIT = 3;
/** TCP_TIMEWAIT_LEN (include/net/tcp.h): a constant 60 s, not a sysctl. */
export const TCP_TIMEWAIT_LEN_MS = 60_000;

/** The clock-bearing fields of one dumped socket. */
export interface KernelClocks {
  readonly state: SocketState;
  /** idiag_timer: which timer is pending (0 none, 1 retransmit, 2 keepalive, 3 timewait, 4 zero-window probe). */
  readonly timer: number;
  /** idiag_expires: ms until that timer fires. */
  readonly expiresMs: number;
  /** Socket inode; 0 for timewait sockets and orphans (no file refers to them). */
  readonly inode: number;
  /** tcpi_last_data_recv (ms since the last data segment arrived), or null without tcp_info. */
  readonly lastDataRecvMs: number | null;
  /** tcpi_last_ack_recv (ms since the last segment that carried an acceptable ACK), or null. */
  readonly lastAckRecvMs: number | null;
}

/** A state-entry time read from a kernel clock. */
export interface KernelAge {
  /** When the socket entered its current state (ms since epoch). */
  readonly stateSince: number;
  readonly source: 'kernel';
  /** False when stateSince is a bound: the socket entered the state at or before it. */
  readonly exact: boolean;
}

/**
 * The state-entry time of a socket dumped at `takenAt` (ms since epoch), or null when no kernel clock tells it
 * (the caller then falls back to "first seen", a lower bound). `finTimeoutMs` is net.ipv4.tcp_fin_timeout now,
 * or null when it cannot be read.
 *
 * - TIME_WAIT (a timewait socket, timer 3): the timer is armed for TCP_TIMEWAIT_LEN on entry, so the age is 60 s
 *   minus what is left. Exact, unless the peer retransmitted its FIN meanwhile (the kernel then re-arms the timer
 *   and the age restarts, RFC 1337): rare, and the result is then the time since that FIN.
 * - FIN_WAIT_2, orphaned (the application closed it): with tcp_fin_timeout <= 60 s the kernel swaps it for a
 *   timewait socket in substate FIN_WAIT2 whose timer is armed for tcp_fin_timeout on entry. Exact if the socket
 *   set no TCP_LINGER2 and the sysctl has not changed since; expires beyond it gives null.
 * - FIN_WAIT_2 with a file (shutdown(SHUT_WR), not closed): the ACK of our FIN moved it there and set
 *   tcpi_last_ack_recv. Exact while nothing came from the peer since (last data older than last ACK, no
 *   keepalive probes); otherwise later ACKs reset it and it is a bound.
 * - CLOSE_WAIT: the peer's FIN carries an ACK and sets tcpi_last_ack_recv; tcpi_last_data_recv stays at the last
 *   data (a FIN alone is no data), so it is older. Exact when no timer runs: a later ACK only comes if this side
 *   sent again (retransmit timer) or probes (keepalive timer), which makes it a bound. One case stays invisible:
 *   data sent after the FIN to a half-closed peer that acknowledged it.
 * - SYN_SENT, SYN_RECEIVED: their timer counts down the current SYN (or SYN-ACK) retransmission, whose length
 *   depends on the initial RTO (per route or BPF), tcp_syn_linear_timeouts and the backoff: not exact, so null.
 * - Every other state: no clock, null.
 */
export function deriveKernelAge(c: KernelClocks, takenAt: number, finTimeoutMs: number | null): KernelAge | null {
  switch (c.state) {
    case 'TIME_WAIT':
      if (c.timer !== IDIAG_TIMER_TIMEWAIT || c.expiresMs > TCP_TIMEWAIT_LEN_MS) return null;
      return age(takenAt - (TCP_TIMEWAIT_LEN_MS - c.expiresMs), true);
    case 'FIN_WAIT_2':
      if (c.timer === IDIAG_TIMER_TIMEWAIT) {
        // Unreadable sysctl (a sandbox hiding /proc/sys): the timer's start is unknown, and not assumed.
        if (finTimeoutMs === null || c.expiresMs > finTimeoutMs) return null;
        return age(takenAt - (finTimeoutMs - c.expiresMs), true);
      }
      if (c.lastAckRecvMs === null || c.lastDataRecvMs === null) return null;
      return age(
        takenAt - c.lastAckRecvMs,
        c.lastDataRecvMs > c.lastAckRecvMs && (c.timer === IDIAG_TIMER_OFF || c.inode === 0),
      );
    case 'CLOSE_WAIT':
      // Every data segment also carries an ACK: a last ACK older than the last data is not a FIN's clock.
      if (c.lastAckRecvMs === null || c.lastDataRecvMs === null || c.lastAckRecvMs > c.lastDataRecvMs) return null;
      return age(takenAt - c.lastAckRecvMs, c.timer === IDIAG_TIMER_OFF);
    default:
      return null;
  }
}

function age(stateSince: number, exact: boolean): KernelAge {
  return { stateSince, source: 'kernel', exact };
}
