// macOS TSI_S_* TCP state numbers (XNU bsd/sys/proc_info.h) mapped to the canonical SocketState.
import type { SocketState } from '../../../../shared/model/socket';

/** Index = TSI_S_* value. */
const TCP_BY_NUMBER: readonly (SocketState | null)[] = [
  'CLOSED', // 0 TSI_S_CLOSED
  'LISTEN', // 1 TSI_S_LISTEN
  'SYN_SENT', // 2 TSI_S_SYN_SENT
  'SYN_RECEIVED', // 3 TSI_S_SYN_RECEIVED
  'ESTABLISHED', // 4 TSI_S_ESTABLISHED
  'CLOSE_WAIT', // 5 TSI_S__CLOSE_WAIT (sic: two underscores in the header)
  'FIN_WAIT_1', // 6 TSI_S_FIN_WAIT_1
  'CLOSING', // 7 TSI_S_CLOSING
  'LAST_ACK', // 8 TSI_S_LAST_ACK
  'FIN_WAIT_2', // 9 TSI_S_FIN_WAIT_2
  'TIME_WAIT', // 10 TSI_S_TIME_WAIT
  null, // 11 TSI_S_RESERVED: a pseudo state no socket is reported in
];

/** TSI_S_LISTEN, whose queue fields mean accept queue / backlog. */
export const DARWIN_TCP_LISTEN = 1;

/** Canonical state of a TCP socket in TSI_S_* state `n`, or null for a number this table does not know. */
export function tcpStateFromDarwin(n: number): SocketState | null {
  return TCP_BY_NUMBER[n] ?? null;
}
