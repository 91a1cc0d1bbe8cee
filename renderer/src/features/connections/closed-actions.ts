// What the row menu of the Connections log does with a closed connection, as pure functions: the remote host, text.
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { formatProto } from '../../../../shared/logic/format';
import type { ClosedConnection } from '../../../../shared/model/connections';

/** A wildcard or unset remote address names no host to filter to. */
export function hasRemoteHost(c: ClosedConnection): boolean {
  return c.remotePort !== 0 && c.remoteAddress !== '0.0.0.0' && c.remoteAddress !== '::';
}

/**
 * The row as one tab-separated line (pastes into a spreadsheet): closed at (ISO 8601), proto, both endpoints,
 * final state, duration (ms), bytes sent and received, RTT (ms), retransmits, pid, process, failed connect.
 */
export function closedRowText(c: ClosedConnection): string {
  const v = (x: number | string | null): string => (x === null ? '' : String(x));
  return [
    new Date(c.closedAt).toISOString(),
    formatProto(c),
    formatEndpoint(c.localAddress, c.localPort),
    formatEndpoint(c.remoteAddress, c.remotePort),
    c.finalState,
    v(c.durationMs),
    v(c.bytesSent),
    v(c.bytesReceived),
    v(c.rttMs),
    v(c.retransmits),
    v(c.pid),
    v(c.process),
    c.failedConnect ? 'failed' : '',
  ].join('\t');
}
