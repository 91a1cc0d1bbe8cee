// Breakdown of transitions by process and remote endpoint, and its cap on distinct entries.
import { describe, expect, it } from 'vitest';
import { CELL_COUNT, SERIES_COUNT, cellOf } from './series-index';
import { MAX_ENTRIES, OTHER_GROUP, TransitionBreakdown } from './breakdown';
import type { TickSample, TransitionEvent } from './transition-tracker';

const T0 = 1_700_000_000_000;
const tick = (events: TransitionEvent[], at = T0): TickSample => ({
  takenAt: at,
  counts: new Int32Array(SERIES_COUNT),
  opened: 0,
  closed: 0,
  cells: new Uint32Array(CELL_COUNT),
  events,
});
const ev = (pid: number | null, remote: string, from = 'ESTABLISHED', to = 'TIME_WAIT'): TransitionEvent => ({
  cell: cellOf(from, to),
  pid,
  process: pid === null ? null : `p${pid}`,
  remote,
});

describe('TransitionBreakdown', () => {
  it('groups by process and by remote endpoint, largest first', () => {
    const b = new TransitionBreakdown();
    b.add(tick([ev(1, '10.0.0.1:80'), ev(1, '10.0.0.1:80'), ev(2, '10.0.0.2:443'), ev(null, '10.0.0.1:80')]));
    const q = b.query(60_000, T0 + 1000, 10);
    expect(q.byProcess.map((g) => [g.group, g.pid, g.process, g.total])).toEqual([
      ['1/p1', 1, 'p1', 2],
      ['?/?', null, null, 1],
      ['2/p2', 2, 'p2', 1],
    ]);
    expect(q.byRemote[0]).toMatchObject({ group: '10.0.0.1:80', total: 3 });
    expect(q.byRemote[0]?.transitions).toEqual([{ from: 'ESTABLISHED', to: 'TIME_WAIT', count: 3 }]);
  });

  it('folds entries beyond the cap into (other), so memory stays bounded', () => {
    const b = new TransitionBreakdown();
    b.add(tick(Array.from({ length: MAX_ENTRIES + 50 }, (_, i) => ev(i, `10.0.${i >> 8}.${i & 255}:80`))));
    const q = b.query(60_000, T0 + 1000, 5);
    expect(q.byProcess).toHaveLength(6);
    expect(q.byProcess.at(-1)).toMatchObject({ group: OTHER_GROUP, total: MAX_ENTRIES + 45 });
    // The cap itself: asked for every group, a bucket gives at most MAX_ENTRIES of them, then (other).
    const everything = b.query(60_000, T0 + 1000, 100_000).byProcess;
    expect(everything).toHaveLength(MAX_ENTRIES + 1);
    expect(everything.at(-1)).toMatchObject({ group: OTHER_GROUP, total: 50 });
  });

  it('keeps a steady group that interleaves with one-off endpoints in a bucket full of busier ones', () => {
    const b = new TransitionBreakdown();
    // 255 groups with 2 events each, then a steady group alternating with 500 one-offs.
    const pairs = Array.from({ length: MAX_ENTRIES - 1 }, (_, i) => ev(null, `10.2.${i >> 8}.${i & 255}:80`));
    b.add(tick([...pairs, ...pairs], T0));
    const stream: TransitionEvent[] = [];
    for (let i = 0; i < 500; i++) stream.push(ev(null, '1.2.3.4:443'), ev(null, `10.3.${i >> 8}.${i & 255}:80`));
    b.add(tick(stream, T0 + 10));
    const q = b.query(60_000, T0 + 1000, 10).byRemote;
    // Let in for good at its second event (its first was folded while the bucket filled): 499 of its 500.
    expect(q[0]).toMatchObject({ group: '1.2.3.4:443', total: 499 });
    expect(q.reduce((a, g) => a + g.total, 0)).toBe(2 * (MAX_ENTRIES - 1) + 1000);
  });

  it('keeps the groups busier than their share of a burst of one-off endpoints, before it or after it, exactly', () => {
    const b = new TransitionBreakdown();
    const burst = (n: number, base: number): TransitionEvent[] =>
      Array.from({ length: n }, (_, i) =>
        ev(null, `10.1.${(base + i) >> 8}.${(base + i) & 255}:80`, 'TIME_WAIT', 'GONE'),
      );
    // Busy before the burst, then a burst of 5,000 distinct endpoints, then busy after it, interleaved with more.
    // (A bucket keeps for sure only the groups of more than their share of its events, 1/MAX_ENTRIES: some 20 here.)
    b.add(
      tick(
        Array.from({ length: 40 }, () => ev(7, '127.0.0.1:9000')),
        T0,
      ),
    );
    b.add(tick(burst(5_000, 0), T0 + 100));
    for (let i = 0; i < 16; i++)
      b.add(tick([ev(8, '127.0.0.1:9100', 'SYN_SENT', 'ESTABLISHED'), ...burst(3, 6_000 + i * 3)], T0 + 200 + i));
    const q = b.query(60_000, T0 + 1000, 10);
    expect(q.byRemote[1]).toMatchObject({ group: '127.0.0.1:9100', total: 16 });
    expect(q.byRemote[1]?.transitions).toEqual([{ from: 'SYN_SENT', to: 'ESTABLISHED', count: 16 }]);
    expect(q.byRemote[0]).toMatchObject({ group: '127.0.0.1:9000', total: 40 });
    // Nothing is lost: what was folded is in (other), and the totals add up to every event.
    const total = (gs: readonly { total: number }[]): number => gs.reduce((a, g) => a + g.total, 0);
    expect(total(q.byRemote)).toBe(40 + 5_000 + 16 * 4);
    expect(total(q.byProcess)).toBe(40 + 5_000 + 16 * 4);
    expect(q.byProcess.map((g) => [g.group, g.total])).toEqual([
      ['?/?', 5_048],
      ['7/p7', 40],
      ['8/p8', 16],
    ]);
  });
});
