// Closed connections for unit tests (defaults: a TCP4 client connection of pid 100 closed by the kernel, 1,000
// bytes each way); tests give only what differs.
import type { ClosedConnection } from '../model/connections';
import { TUPLE } from './sockets';

/** A Connections log entry with sensible defaults. */
export function closedConnection(p: Partial<ClosedConnection> = {}): ClosedConnection {
  return {
    id: 1,
    ...TUPLE,
    finalState: 'TIME_WAIT',
    finalStateSource: 'kernel',
    cookie: '42',
    openedAt: 1_000,
    openedAtSource: 'trace',
    durationMs: 2_500,
    closedAt: 3_500,
    closedAtSource: 'kernel',
    bytesSent: 1000,
    bytesReceived: 1000,
    rttMs: 0.05,
    retransmits: 0,
    pid: 100,
    process: 'app',
    failedConnect: false,
    ...p,
  };
}
