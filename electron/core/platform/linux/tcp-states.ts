// Linux TCP_* state numbers (include/net/tcp_states.h) mapped to the canonical SocketState, for TCP and for UDP.
import type { SocketState } from '../../../../shared/model/socket';

/**
 * Index = the kernel's state number. 13 is TCP_BOUND_INACTIVE (Linux 6.6+): a bound TCP socket that neither
 * listens nor connects, which older kernels reported as TCP_CLOSE; it is CLOSED in our model too.
 */
const TCP_BY_NUMBER: readonly (SocketState | null)[] = [
  null, // 0: unused
  'ESTABLISHED', // 1 TCP_ESTABLISHED
  'SYN_SENT', // 2 TCP_SYN_SENT
  'SYN_RECEIVED', // 3 TCP_SYN_RECV
  'FIN_WAIT_1', // 4 TCP_FIN_WAIT1
  'FIN_WAIT_2', // 5 TCP_FIN_WAIT2
  'TIME_WAIT', // 6 TCP_TIME_WAIT
  'CLOSED', // 7 TCP_CLOSE
  'CLOSE_WAIT', // 8 TCP_CLOSE_WAIT
  'LAST_ACK', // 9 TCP_LAST_ACK
  'LISTEN', // 10 TCP_LISTEN
  'CLOSING', // 11 TCP_CLOSING
  'SYN_RECEIVED', // 12 TCP_NEW_SYN_RECV: a request socket, half-open like SYN_RECV
  'CLOSED', // 13 TCP_BOUND_INACTIVE
];

/** Linux TCP_LISTEN, whose queues mean accept queue / backlog instead of bytes. */
export const LINUX_TCP_LISTEN = 10;
/** Linux TCP_TIME_WAIT. */
export const LINUX_TCP_TIME_WAIT = 6;

/** Canonical state of a TCP socket in Linux state `n`, or null for a number this table does not know. */
export function tcpStateFromLinux(n: number): SocketState | null {
  return TCP_BY_NUMBER[n] ?? null;
}

/** UDP sockets reuse the TCP numbers: TCP_CLOSE (7) when unconnected, TCP_ESTABLISHED (1) after connect(). */
export function udpStateFromLinux(n: number): SocketState | null {
  if (n === 7) return 'UNCONN';
  if (n === 1) return 'ESTABLISHED';
  return null;
}
