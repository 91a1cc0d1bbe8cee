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

  it('reverses the whole list with the direction, ties included', () => {
    // Every row has the same state: only the tie-break orders them, and descending must still be the reverse.
    const table = new Map([2, 3, 1].map((i) => [sock(i).key, sock(i)]));
    const byState = { column: 'state', direction: 'ascending' } as const;
    const up = selectRows(table, new Map(), '', DEFAULT_TOGGLES, byState, new Map()).map((r) => r.key);
    const down = selectRows(table, new Map(), '', DEFAULT_TOGGLES, { ...byState, direction: 'descending' }, new Map());
    expect(up).toEqual(['k000001', 'k000002', 'k000003']);
    expect(down.map((r) => r.key)).toEqual([...up].reverse());
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

  it('filters and sorts 50,000 rows (its speed is measured by bench/renderer.bench.mjs)', () => {
    const table = new Map<string, Socket>();
    for (let i = 0; i < 50_000; i++) {
      const s = sock(i, { localPort: (i * 7919) % 65536, state: i % 3 ? 'ESTABLISHED' : 'TIME_WAIT' });
      table.set(s.key, s);
    }
    const rows = selectRows(table, new Map(), 'state:time_wait', DEFAULT_TOGGLES, asc, new Map());
    const sorted = selectRows(
      table,
      new Map(),
      '',
      DEFAULT_TOGGLES,
      { column: 'process', direction: 'ascending' },
      new Map(),
    );
    expect(rows.length).toBe(16_667);
    expect(rows.every((r) => r.state === 'TIME_WAIT')).toBe(true);
    expect(rows.every((r, i) => i === 0 || rows[i - 1].localPort <= r.localPort)).toBe(true);
    expect(sorted.length).toBe(50_000);
    expect(sorted.every((r, i) => i === 0 || (sorted[i - 1].process ?? '') <= (r.process ?? ''))).toBe(true);
  });
});
