// selectRows: filtering, closed rows, sorting in both directions, and speed at 50,000 rows; RowSelection's updates
// from the touched rows against a whole selection, over random deltas.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOGGLES } from '../../../../shared/logic/filter';
import type { Socket } from '../../../../shared/model/socket';
import { sock as fixture } from '../../../../shared/test-support/sockets';
import { addressSortKey } from './columns';
import { RowSelection, selectRows, type RowInputs } from './visible-rows';

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

describe('RowSelection', () => {
  /** A small deterministic generator, so a failure replays. */
  function rng(seed: number) {
    let x = seed;
    return (n: number) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
  }

  /** 300 random sockets (few ports, two states, nine processes), and a maker of more like them. */
  function randomTable(r: (n: number) => number): {
    table: Map<string, Socket>;
    ghosts: Map<string, Socket>;
    make: () => Socket;
  } {
    const table = new Map<string, Socket>();
    let next = 0;
    const make = () => {
      const i = next++;
      return sock(i, { localPort: 1000 + r(50), state: r(3) ? 'ESTABLISHED' : 'TIME_WAIT', process: `p${r(9)}` });
    };
    for (let i = 0; i < 300; i++) {
      const s = make();
      table.set(s.key, s);
    }
    return { table, ghosts: new Map(), make };
  }

  /** One random delta on `table` and `ghosts` (closes, moves, state changes, counters, new and reused tuples). */
  function randomDelta(
    r: (n: number) => number,
    table: Map<string, Socket>,
    ghosts: Map<string, Socket>,
    make: () => Socket,
  ): Set<string> {
    const touched = new Set<string>();
    const keys = [...table.keys()];
    for (let n = r(12); n > 0; n--) {
      const key = keys[r(keys.length)];
      const s = table.get(key);
      if (!s) continue;
      touched.add(key);
      const what = r(5);
      if (what === 0) {
        table.delete(key);
        ghosts.set(key, s);
      } else if (what === 1) table.set(key, { ...s, localPort: 1000 + r(50) });
      else if (what === 2) table.set(key, { ...s, state: s.state === 'TIME_WAIT' ? 'ESTABLISHED' : 'TIME_WAIT' });
      else {
        // The common delta: counters move, the sort value stays (unless the table sorts by them).
        const metrics = s.metrics ?? { bytesSent: 0, bytesReceived: 0, rttMs: null, retransmits: null };
        table.set(key, { ...s, metrics: { ...metrics, bytesSent: (metrics.bytesSent ?? 0) + r(100) } });
      }
    }
    if (r(4) === 0) {
      const s = make();
      table.set(s.key, s);
      touched.add(s.key);
    }
    if (r(6) === 0 && ghosts.size > 0) {
      // A 4-tuple used again while its closed row still shows: the live socket takes the row back.
      const again = [...ghosts.values()][r(ghosts.size)];
      ghosts.delete(again.key);
      table.set(again.key, { ...again, state: 'ESTABLISHED' });
      touched.add(again.key);
    }
    if (r(5) === 0 && ghosts.size > 0) {
      const gone = [...ghosts.keys()][r(ghosts.size)];
      ghosts.delete(gone);
      touched.add(gone);
    }
    return touched;
  }

  const sorts = [
    asc,
    { column: 'localPort', direction: 'descending' },
    { column: 'state', direction: 'ascending' },
    { column: 'bytes', direction: 'descending' },
    { column: 'process', direction: 'ascending' },
  ] as const;

  it.each(sorts.flatMap((sort) => ['', 'state:established'].map((filterText) => ({ sort, filterText }))))(
    'answers what a whole selection does after each delta ($sort.column $sort.direction, filter "$filterText")',
    ({ sort, filterText }) => {
      const r = rng(7 + filterText.length + sort.column.length);
      const { table, ghosts, make } = randomTable(r);
      const selection = new RowSelection();
      // The same inputs each time but for what the deltas touched: a new services table would select everything.
      const services = new Map();
      const inputs = (): RowInputs => ({ table, ghosts, filterText, toggles: DEFAULT_TOGGLES, sort, services });
      selection.select(inputs(), null);
      for (let step = 0; step < 200; step++) {
        const touched = randomDelta(r, table, ghosts, make);
        const rows = selection.select(inputs(), touched);
        const whole = selectRows(table, ghosts, filterText, DEFAULT_TOGGLES, sort, services);
        expect(rows.map((s) => s.key)).toEqual(whole.map((s) => s.key));
        expect(rows).toEqual(whole);
        expect(selection.live).toBe(whole.filter((s) => table.has(s.key)).length);
      }
    },
  );

  it.each(sorts)(
    'built on the selection without free text, answers what a whole selection does as the text changes ($column $direction)',
    (sort) => {
      const r = rng(11 + sort.column.length);
      const { table, ghosts, make } = randomTable(r);
      const services = new Map();
      const toggles = { ...DEFAULT_TOGGLES, udp: false };
      const all = new RowSelection();
      const some = new RowSelection();
      const texts = ['state:established', ':1010', 'p3', '', 'state:time_wait p1'];
      let text = texts[0];
      let someText: string | null = null;
      // What each selection has not been told yet, as the hook's journal would say: as there, `all` is selected when
      // there is no text or it changed, and `some` while there is text.
      const pendingAll = new Set<string>();
      const pendingSome = new Set<string>();
      let first = true;
      for (let step = 0; step < 200; step++) {
        const touched = first ? null : randomDelta(r, table, ghosts, make);
        first = false;
        for (const k of touched ?? []) {
          pendingAll.add(k);
          pendingSome.add(k);
        }
        if (r(3) === 0) text = texts[r(texts.length)];
        const inputs: RowInputs = { table, ghosts, filterText: '', toggles, sort, services };
        const newText = someText !== text;
        let rows: Socket[] = [];
        if (text === '' || newText) {
          rows = all.select(inputs, touched === null ? null : new Set(pendingAll));
          pendingAll.clear();
        }
        if (text !== '') {
          rows = some.select({ ...inputs, filterText: text }, new Set(pendingSome), newText ? all : undefined);
          pendingSome.clear();
          someText = text;
        }
        const whole = selectRows(table, ghosts, text, toggles, sort, services);
        expect(
          rows.map((s) => s.key),
          `step ${step} "${text}"`,
        ).toEqual(whole.map((s) => s.key));
        expect(rows).toEqual(whole);
        expect(text === '' ? all.live : some.live).toBe(whole.filter((s) => table.has(s.key)).length);
      }
    },
  );

  it('answers the same rows when nothing was touched, and everything anew when it does not know what was', () => {
    const table = new Map([1, 2, 3].map((i) => [sock(i).key, sock(i)]));
    const selection = new RowSelection();
    const inputs = {
      table,
      ghosts: new Map(),
      filterText: '',
      toggles: DEFAULT_TOGGLES,
      sort: asc,
      services: new Map(),
    };
    const first = selection.select(inputs, null);
    expect(selection.select(inputs, new Set())).toBe(first);
    // A change nobody recorded (a snapshot, the past): only a whole selection sees it.
    table.set('k000002', sock(2, { localPort: 1 }));
    expect(selection.select(inputs, new Set()).map((s) => s.localPort)).toEqual([1001, 1002, 1003]);
    expect(selection.select(inputs, null).map((s) => s.localPort)).toEqual([1, 1001, 1003]);
  });
});
