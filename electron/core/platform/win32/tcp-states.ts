// Windows MIB_TCP_STATE numbers (tcpmib.h) mapped to the canonical SocketState.
import type { SocketState } from '../../../../shared/model/socket';

/** Index = MIB_TCP_STATE value; 0 is not a state. */
const TCP_BY_NUMBER: readonly (SocketState | null)[] = [
  null, // 0: unused
  'CLOSED', // 1 MIB_TCP_STATE_CLOSED
  'LISTEN', // 2 MIB_TCP_STATE_LISTEN
  'SYN_SENT', // 3 MIB_TCP_STATE_SYN_SENT
  'SYN_RECEIVED', // 4 MIB_TCP_STATE_SYN_RCVD
  'ESTABLISHED', // 5 MIB_TCP_STATE_ESTAB
  'FIN_WAIT_1', // 6 MIB_TCP_STATE_FIN_WAIT1
  'FIN_WAIT_2', // 7 MIB_TCP_STATE_FIN_WAIT2
  'CLOSE_WAIT', // 8 MIB_TCP_STATE_CLOSE_WAIT
  'CLOSING', // 9 MIB_TCP_STATE_CLOSING
  'LAST_ACK', // 10 MIB_TCP_STATE_LAST_ACK
  'TIME_WAIT', // 11 MIB_TCP_STATE_TIME_WAIT
  'CLOSED', // 12 MIB_TCP_STATE_DELETE_TCB: being deleted, no connection left
];

/** MIB_TCP_STATE_LISTEN, whose remote endpoint fields carry no meaning. */
export const WIN_TCP_LISTEN = 2;
/** MIB_TCP_STATE_DELETE_TCB: the only state SetTcpEntry accepts. */
export const WIN_TCP_DELETE_TCB = 12;

/** Canonical state of a TCP row in MIB_TCP_STATE `n`, or null for a number this table does not know. */
export function tcpStateFromWindows(n: number): SocketState | null {
  return TCP_BY_NUMBER[n] ?? null;
}
