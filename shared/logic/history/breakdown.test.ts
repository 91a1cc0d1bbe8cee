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
  });
});
