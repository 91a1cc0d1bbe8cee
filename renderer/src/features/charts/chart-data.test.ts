// The chart rows from a synthetic series: family merge, summaries, transition ranking and churn rates.
import { describe, expect, it } from 'vitest';
import type { StatsPoint, StatsSeries } from '../../../../shared/model/history';
import { churnRows, MAX_TRANSITION_KINDS, OTHER_KEY, stateRows, summarize, transitionRows } from './chart-data';

const point = (t: number, counts: number[], extra: Partial<StatsPoint> = {}): StatsPoint => ({
  t,
  samples: 1,
  counts,
  opened: 0,
  closed: 0,
  transitions: [],
  ...extra,
});

const series = (points: StatsPoint[]): StatsSeries => ({
  window: '60s',
  resolutionMs: 1000,
  series: ['tcp4:ESTABLISHED', 'tcp6:ESTABLISHED', 'tcp4:LISTEN', 'udp4:ESTABLISHED', 'tcp4:CLOSE_WAIT'],
  points,
  observedAt: 'tick',
  transitions: 'observed',
  tickIntervalMs: 1000,
});

describe('stateRows', () => {
  it('sums TCP families, keeps UDP apart and leaves out empty states', () => {
    const { rows, keys } = stateRows(series([point(0, [1, 2, 3, 4, 0]), point(1000, [2, 2, 3, 0, 0])]));
    expect(keys).toEqual(['LISTEN', 'ESTABLISHED', 'udp:ESTABLISHED']);
    expect(rows[0]).toMatchObject({ t: 0, ESTABLISHED: 3, LISTEN: 3, 'udp:ESTABLISHED': 4 });
    expect(rows[1]?.ESTABLISHED).toBe(4);
  });

  it('summarizes now, mean and peak', () => {
    const { rows } = stateRows(
      series([point(0, [1, 0, 0, 0, 0]), point(1000, [5, 0, 0, 0, 0]), point(2000, [3, 0, 0, 0, 0])]),
    );
    expect(summarize(rows, ['ESTABLISHED'])).toEqual([{ key: 'ESTABLISHED', now: 3, mean: 3, peak: 5 }]);
  });
});

describe('transitionRows', () => {
  it('keeps the most frequent kinds and sums the rest into other', () => {
    const many = Array.from({ length: MAX_TRANSITION_KINDS + 2 }, (_, i) => ({
      from: 'ESTABLISHED' as const,
      to:
        (
          [
            'CLOSE_WAIT',
            'TIME_WAIT',
            'GONE',
            'FIN_WAIT_1',
            'FIN_WAIT_2',
            'LAST_ACK',
            'CLOSING',
            'CLOSED',
            'LISTEN',
            'SYN_SENT',
          ] as const
        )[i] ?? 'GONE',
      count: 100 - i,
    }));
    const { rows, keys } = transitionRows(series([point(0, [0, 0, 0, 0, 0], { transitions: many })]));
    expect(keys).toHaveLength(MAX_TRANSITION_KINDS + 1);
    expect(keys[0]).toBe('ESTABLISHED>CLOSE_WAIT');
    expect(keys.at(-1)).toBe(OTHER_KEY);
    expect(rows[0]?.[OTHER_KEY]).toBe(100 - MAX_TRANSITION_KINDS + (100 - MAX_TRANSITION_KINDS - 1));
  });

  it('has no other key when every kind fits', () => {
    const { keys } = transitionRows(
      series([point(0, [0, 0, 0, 0, 0], { transitions: [{ from: 'NEW', to: 'ESTABLISHED', count: 2 }] })]),
    );
    expect(keys).toEqual(['NEW>ESTABLISHED']);
  });
});

describe('churnRows', () => {
  it('divides by the time the samples cover, and answers 0 for an empty point', () => {
    const s = {
      ...series([point(0, [], { samples: 5, opened: 10, closed: 5 }), point(5000, [], { samples: 0 })]),
      resolutionMs: 10_000,
    };
    expect(churnRows(s)).toEqual([
      { t: 0, opened: 2, closed: 1 },
      { t: 5000, opened: 0, closed: 0 },
    ]);
  });
});
