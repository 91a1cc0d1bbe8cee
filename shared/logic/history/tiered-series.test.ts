// Downsampling of the history: tier choice, merging to a bounded number of points, ring wrap-around.
import { describe, expect, it } from 'vitest';
import { BucketRing } from './bucket-ring';
import { CELL_COUNT, SERIES_COUNT, SERIES_IDS, cellOf } from './series-index';
import { TieredSeries } from './tiered-series';
import type { TickSample } from './transition-tracker';

const EST = SERIES_IDS.indexOf('tcp4:ESTABLISHED');

function sample(takenAt: number, established: number, opened = 0): TickSample {
  const counts = new Int32Array(SERIES_COUNT);
  counts[EST] = established;
  const cells = new Uint32Array(CELL_COUNT);
  cells[cellOf('NEW', 'ESTABLISHED')] = opened;
  return { takenAt, counts, opened, closed: 0, cells, events: [] };
}

const T0 = 1_700_000_000_000;

describe('TieredSeries', () => {
  it('answers one point per second for the last minute', () => {
    const s = new TieredSeries();
    for (let i = 0; i < 120; i++) s.add(sample(T0 + i * 1000, i));
    const q = s.query(60_000, T0 + 119_000, 300);
    expect(q.resolutionMs).toBe(1000);
    expect(q.points.length).toBeGreaterThanOrEqual(60);
    expect(q.points.length).toBeLessThanOrEqual(61);
    expect(q.points.at(-1)?.counts[EST]).toBe(119);
  });

  it('merges buckets to stay within maxPoints, averaging counts and summing churn', () => {
    const s = new TieredSeries();
    for (let i = 0; i < 600; i++) s.add(sample(T0 + i * 1000, i % 2 === 0 ? 10 : 20, 1));
    const q = s.query(600_000, T0 + 599_000, 100);
    expect(q.resolutionMs).toBe(6000);
    expect(q.points.length).toBeLessThanOrEqual(100);
    const full = q.points.filter((p) => p.samples === 6);
    expect(full.length).toBeGreaterThan(90);
    expect(full[0]?.counts[EST]).toBe(15);
    expect(full[0]?.opened).toBe(6);
    expect(full[0]?.transitions).toEqual([{ from: 'NEW', to: 'ESTABLISHED', count: 6 }]);
  });

  it('answers 24 h from the minute tier after the 1 s tier has wrapped', () => {
    const s = new TieredSeries();
    // Two hours at one tick per 10 s: the 1 s ring (1 h) has wrapped, the minute ring has all of it.
    for (let i = 0; i < 720; i++) s.add(sample(T0 + i * 10_000, 5));
    const end = T0 + 719 * 10_000;
    expect(s.query(3_600_000, end, 1000).points.length).toBeLessThanOrEqual(361);
    const day = s.query(86_400_000, end, 300);
    expect(day.resolutionMs).toBe(300_000);
    expect(day.points.reduce((n, p) => n + p.samples, 0)).toBe(720);
  });

  it('gives the recent new-connection rate', () => {
    const s = new TieredSeries();
    for (let i = 0; i < 20; i++) s.add(sample(T0 + i * 1000, 0, 50));
    expect(s.openedRate(10_000, T0 + 19_000)).toBeCloseTo(50, 0);
  });
});

describe('BucketRing', () => {
  it('reuses a slot for a later interval after emptying it', () => {
    const ring = new BucketRing(
      { bucketMs: 1000, capacity: 3 },
      () => ({ n: 0 }),
      (b) => (b.n = 0),
    );
    ring.at(0).n = 5;
    ring.at(3000).n += 1;
    expect(ring.range(0, 3000).map((x) => [x.start, x.bucket.n])).toEqual([[3000, 1]]);
  });
});
