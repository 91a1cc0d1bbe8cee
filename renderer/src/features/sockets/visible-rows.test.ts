// selectRows: filtering, closed rows, sorting in both directions, and speed at 50,000 rows.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOGGLES } from '../../../../shared/logic/filter';
import type { Socket } from '../../../../shared/model/socket';
import { sock as fixture } from '../../../../shared/test-support/sockets';
import { addressSortKey } from './columns';
import { selectRows } from './visible-rows';

function sock(i: number, over: Partial<Socket> = {}): Socket {
  return fixture({
    localPort: 1000 + i,
    remoteAddress: '10.0.0.1',
    remotePort: 443,
    pid: i,
    process: `p${i}`,
    user: 'dev',
    uid: 1000,
    inode: i,
    key: `k${String(i).padStart(6, '0')}`,
    stateSince: i,
    ...over,
  });
}

const asc = { column: 'localPort', direction: 'ascending' } as const;

describe('selectRows', () => {
  it('filters and sorts, both directions', () => {
    const table = new Map([3, 1, 2].map((i) => [sock(i).key, sock(i)]));
    const keys = (rows: Socket[]) => rows.map((r) => r.localPort);
    expect(keys(selectRows(table, new Map(), '', DEFAULT_TOGGLES, asc, new Map()))).toEqual([1001, 1002, 1003]);
    expect(
      keys(selectRows(table, new Map(), '', DEFAULT_TOGGLES, { ...asc, direction: 'descending' }, new Map())),
    ).toEqual([1003, 1002, 1001]);
    expect(keys(selectRows(table, new Map(), ':1002', DEFAULT_TOGGLES, asc, new Map()))).toEqual([1002]);
  });

  it('includes closed rows that match, once', () => {
    const live = sock(1);
    const gone = sock(2);
    const rows = selectRows(
      new Map([[live.key, live]]),
      new Map([
        [gone.key, gone],
        [live.key, live],
      ]),
      '',
      DEFAULT_TOGGLES,
      asc,
      new Map(),
    );
    expect(rows).toEqual([live, gone]);
  });

  it('sorts IPv4 addresses numerically', () => {
    expect(addressSortKey('9.0.0.1') < addressSortKey('10.0.0.1')).toBe(true);
    expect(addressSortKey('255.0.0.1') < addressSortKey('::1')).toBe(true);
  });

  it('filters and sorts 50,000 rows quickly', () => {
    const table = new Map<string, Socket>();
    for (let i = 0; i < 50_000; i++) {
      const s = sock(i, { localPort: (i * 7919) % 65536, state: i % 3 ? 'ESTABLISHED' : 'TIME_WAIT' });
      table.set(s.key, s);
    }
    const t0 = performance.now();
    const rows = selectRows(table, new Map(), 'state:time_wait', DEFAULT_TOGGLES, asc, new Map());
    const sorted = selectRows(
      table,
      new Map(),
      '',
      DEFAULT_TOGGLES,
      { column: 'process', direction: 'ascending' },
      new Map(),
    );
    const ms = performance.now() - t0;
    expect(rows.length).toBe(16_667);
    expect(sorted.length).toBe(50_000);
    expect(ms).toBeLessThan(1000);
  });
});
