// Sockets as the aligned text table users know from ss/netstat (CLI `list` and `who`, text reports).
import type { RawSocket } from '../model/socket';
import { formatEndpoint } from './endpoint';
import { formatProto } from './format';
import type { SocketTableField } from './socket-fields';
import { renderTextTable } from './text-table';

/** Column headers of the text socket table. */
export const SOCKET_TEXT_HEADER = ['Proto', 'Local Address', 'Remote Address', 'State', 'PID/Program', 'User'] as const;

/** What the table shows of a socket (live sockets and report rows, whose state is plain text, both have it). */
export type SocketTextRow = Omit<Pick<RawSocket, SocketTableField>, 'state'> & {
  readonly state: string;
};

/**
 * One aligned table: proto (with 6 for IPv6), endpoints (`*` for wildcard ports), state, pid/program, user. With
 * `names` (address -> host name), a remote address that has a name shows as `name:port`, as `ss -r` does.
 */
export function renderSocketTextTable(
  sockets: readonly SocketTextRow[],
  names: ReadonlyMap<string, string> = new Map(),
): string {
  return renderTextTable(
    SOCKET_TEXT_HEADER,
    sockets.map((s) => [
      formatProto(s),
      formatEndpoint(s.localAddress, s.localPort),
      names.has(s.remoteAddress)
        ? `${names.get(s.remoteAddress)}:${s.remotePort}`
        : formatEndpoint(s.remoteAddress, s.remotePort),
      s.state,
      s.pid === null ? '-' : `${s.pid}/${s.process ?? '?'}`,
      s.user ?? '-',
    ]),
  );
}
