// Which row SetTcpEntry would reset, checked first: exactly the endpoints asked, a connection, not netinspect's own.
import { closeRefusal, closeRefusalError, sameEndpoints } from '../../../../shared/logic/close-refusal';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { keyedError } from '../../../../shared/logic/input-error';
import type { Connection } from '../../../../shared/model/actions';
import type { WinSocketRow } from './table-decode';

/**
 * Throws unless `rows` (the TCP table) hold a connection at exactly `c`'s endpoints that may be closed: ESRCH when
 * none does, REFUSED for a listener or a row owned by one of `ownPids` (Windows gives no cheap parent pid, so
 * "own" means these processes, not their descendants).
 */
export function checkWindowsClose(rows: readonly WinSocketRow[], c: Connection, ownPids: readonly number[]): void {
  const row = rows.find((r) => r.proto === 'tcp' && sameEndpoints(c, r));
  if (!row) {
    const params = {
      local: formatEndpoint(c.localAddress, c.localPort),
      remote: formatEndpoint(c.remoteAddress, c.remotePort),
    };
    throw keyedError('actions.closeNotFound', params, 'ESRCH');
  }
  // Pid 0 is the Idle process, and under Wine any non-Wine process: never ours.
  const refused = closeRefusal({ ...c, state: row.state, own: row.pid !== 0 && ownPids.includes(row.pid) });
  if (refused) throw closeRefusalError(refused, c);
}
