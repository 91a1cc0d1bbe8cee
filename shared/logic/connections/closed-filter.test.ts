// The table's filter syntax over closed connections: the same terms, the final state standing for the state.
import { describe, expect, it } from 'vitest';
import { closedConnection } from '../../test-support/closed-connections';
import { compileClosedFilter } from './closed-filter';

const rows = [
  closedConnection({ id: 1, localPort: 40001, remotePort: 8080, pid: 7, process: 'curl' }),
  closedConnection({ id: 2, finalState: 'SYN_SENT', remotePort: 5432, failedConnect: true, pid: 8, process: 'psql' }),
  closedConnection({ id: 3, proto: 'udp', family: 6, localAddress: '::1', remoteAddress: '::1', finalState: 'UNCONN' }),
];
const ids = (text: string) => rows.filter(compileClosedFilter(text)).map((c) => c.id);

describe('compileClosedFilter', () => {
  it('reads ports, the final state, pid, process, protocol and free text as the socket table does', () => {
    expect(ids(':8080')).toEqual([1, 3]);
    expect(ids('state:syn-sent')).toEqual([2]);
    expect(ids('!state:syn_sent proto:tcp')).toEqual([1]);
    expect(ids('pid:8')).toEqual([2]);
    expect(ids('process:cur')).toEqual([1]);
    expect(ids('proto:udp6')).toEqual([3]);
    expect(ids('psql')).toEqual([2]);
    expect(ids('')).toEqual([1, 2, 3]);
  });
});
