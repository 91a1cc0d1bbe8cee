// The Connections log's row menu: the copied line, and filters that select the row they came from.
import { describe, expect, it } from 'vitest';
import { compileClosedFilter } from '../../../../shared/logic/connections/closed-filter';
import { closedConnection } from '../../../../shared/test-support/closed-connections';
import { filterFor } from '../../../../shared/logic/filter-for';
import { closedRowText, hasRemoteHost } from './closed-actions';
import { selectClosedRows } from './closed-rows';

describe('closed connection actions', () => {
  it('copies every column as one tab-separated line, empty where unknown', () => {
    const c = closedConnection({
      closedAt: Date.UTC(2025, 0, 2, 3, 4, 5, 6),
      bytesReceived: null,
      failedConnect: true,
    });
    expect(closedRowText(c).split('\t')).toEqual([
      '2025-01-02T03:04:05.006Z',
      'tcp',
      '127.0.0.1:40000',
      '127.0.0.1:8080',
      'TIME_WAIT',
      '2500',
      '1000',
      '',
      '0.05',
      '0',
      '100',
      'app',
      'failed',
    ]);
  });

  it('builds filters that keep the row they came from and drop others', () => {
    const c = closedConnection({ pid: 77, localPort: 40123, remoteAddress: '10.1.2.3' });
    const other = closedConnection({ pid: 78, localPort: 40124, remoteAddress: '10.9.9.9', remotePort: 9 });
    for (const what of ['process', 'port', 'remoteHost'] as const) {
      const text = filterFor(c, what);
      expect(selectClosedRows([c, other], text), what).toEqual([c]);
      expect(compileClosedFilter(text)(c)).toBe(true);
    }
    expect(filterFor(closedConnection({ pid: null }), 'process')).toBe('');
    expect(hasRemoteHost(closedConnection({ remoteAddress: '0.0.0.0', remotePort: 0 }))).toBe(false);
  });

  it('keeps the order held (newest first) and everything for an empty filter', () => {
    const rows = [closedConnection({ id: 3 }), closedConnection({ id: 2 }), closedConnection({ id: 1 })];
    expect(selectClosedRows(rows, '  ')).toBe(rows);
    expect(selectClosedRows(rows, 'state:time_wait').map((r) => r.id)).toEqual([3, 2, 1]);
  });
});
