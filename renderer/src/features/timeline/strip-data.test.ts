// The strip folds states into bands per point, keeps the tallest total, and maps a click back to a time.
import { describe, expect, it } from 'vitest';
import type { PastSeries } from '../../../../shared/model/timeline';
import { bandOf, stripColumns, timeAt } from './strip-data';

describe('the per-state strip', () => {
  it('puts each state in its band', () => {
    expect(bandOf('tcp4:LISTEN')).toBe('listen');
    expect(bandOf('udp6:UNCONN')).toBe('listen');
    expect(bandOf('tcp6:ESTABLISHED')).toBe('established');
    expect(bandOf('tcp4:TIME_WAIT')).toBe('wait');
    expect(bandOf('tcp4:CLOSE_WAIT')).toBe('problem');
    expect(bandOf('tcp4:SYN_SENT')).toBe('opening');
  });

  it('sums the counts of each band per point and finds the tallest', () => {
    const s = {
      series: ['tcp4:LISTEN', 'tcp4:ESTABLISHED', 'tcp6:ESTABLISHED', 'tcp4:CLOSE_WAIT'],
      points: [
        { t: 0, counts: [1, 2, 3, 0] },
        { t: 1000, counts: [1, 0, 0, 9] },
      ],
    } as unknown as PastSeries;
    const { columns, max } = stripColumns(s);
    expect(columns[0]?.bands).toMatchObject({ listen: 1, established: 5, problem: 0 });
    expect(columns[1]?.total).toBe(10);
    expect(max).toBe(10);
  });

  it('turns a position on the track into a time of the range, clamped to it', () => {
    const r = { from: 1000, to: 3000 };
    expect(timeAt(0.5, r)).toBe(2000);
    expect(timeAt(-1, r)).toBe(1000);
    expect(timeAt(2, r)).toBe(3000);
  });
});
