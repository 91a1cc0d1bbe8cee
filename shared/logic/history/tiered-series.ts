// Per-state counts, churn and transition totals over time: 1 h at 1 s, then 24 h at 1 min, downsampled on query.
import type { StatsPoint } from '../../model/history';
import { BucketRing, tierFor, type Tier } from './bucket-ring';
import { CELL_COUNT, SERIES_COUNT, denseToCounts } from './series-index';
import type { TickSample } from './transition-tracker';

/**
 * Default tiers. Memory bound: (3,600 + 1,440) buckets x (26 series x 8 B + 144 cells x 4 B + ~150 B object
 * overhead) ~ 4.7 MB, reached after 24 h and never exceeded.
 */
export const SERIES_TIERS: readonly Tier[] = [
  { bucketMs: 1000, capacity: 3600 },
  { bucketMs: 60_000, capacity: 1440 },
];

/** One bucket: sums over the ticks that fell into it. */
interface SeriesBucket {
  samples: number;
  /** Sum of counts per series; divided by samples on query for the mean. */
  readonly countSums: Float64Array;
  opened: number;
  closed: number;
  readonly cells: Uint32Array;
}

const createBucket = (): SeriesBucket => ({
  samples: 0,
  countSums: new Float64Array(SERIES_COUNT),
  opened: 0,
  closed: 0,
  cells: new Uint32Array(CELL_COUNT),
});
const resetBucket = (b: SeriesBucket): void => {
  b.samples = 0;
  b.countSums.fill(0);
  b.opened = 0;
  b.closed = 0;
  b.cells.fill(0);
};

function addInto(b: SeriesBucket, s: TickSample): void {
  b.samples++;
  for (let i = 0; i < SERIES_COUNT; i++) b.countSums[i] = (b.countSums[i] ?? 0) + (s.counts[i] ?? 0);
  b.opened += s.opened;
  b.closed += s.closed;
  for (let i = 0; i < CELL_COUNT; i++) b.cells[i] = (b.cells[i] ?? 0) + (s.cells[i] ?? 0);
}

/** Every tier's ring, fed one tick at a time. */
export class TieredSeries {
  private readonly rings: BucketRing<SeriesBucket>[];

  constructor(tiers: readonly Tier[] = SERIES_TIERS) {
    this.rings = tiers.map((t) => new BucketRing(t, createBucket, resetBucket));
  }

  /** Adds one tick to every tier. */
  add(sample: TickSample): void {
    for (const r of this.rings) addInto(r.at(sample.takenAt), sample);
  }

  /**
   * Points of the last `windowMs` before `now` (ms), at most `maxPoints`: the finest tier covering the window,
   * with consecutive buckets merged when there are more than maxPoints. Buckets without a tick are left out.
   */
  query(windowMs: number, now: number, maxPoints: number): { resolutionMs: number; points: StatsPoint[] } {
    const ring = tierFor(this.rings, windowMs);
    const { bucketMs } = ring.tier;
    const span = Math.ceil(windowMs / bucketMs);
    const per = Math.max(1, Math.ceil(span / maxPoints));
    const resolutionMs = per * bucketMs;
    // Align groups to multiples of the resolution so points stay put between polls.
    const from = Math.floor((now - windowMs) / resolutionMs) * resolutionMs;
    const groups = new Map<number, SeriesBucket>();
    for (const { start, bucket } of ring.range(from, now)) {
      if (bucket.samples === 0) continue;
      const g = Math.floor(start / resolutionMs) * resolutionMs;
      let acc = groups.get(g);
      if (!acc) groups.set(g, (acc = createBucket()));
      acc.samples += bucket.samples;
      for (let i = 0; i < SERIES_COUNT; i++) acc.countSums[i] = (acc.countSums[i] ?? 0) + (bucket.countSums[i] ?? 0);
      acc.opened += bucket.opened;
      acc.closed += bucket.closed;
      for (let i = 0; i < CELL_COUNT; i++) acc.cells[i] = (acc.cells[i] ?? 0) + (bucket.cells[i] ?? 0);
    }
    const points: StatsPoint[] = [...groups.entries()]
      .sort((a, b) => a[0] - b[0])
      .slice(-maxPoints)
      .map(([t, b]) => ({
        t,
        samples: b.samples,
        counts: Array.from(b.countSums, (sum) => Math.round((sum / b.samples) * 10) / 10),
        opened: b.opened,
        closed: b.closed,
        transitions: denseToCounts(b.cells),
      }));
    return { resolutionMs, points };
  }

  /** New TCP connections per second over the last `windowMs` before `now` (from the finest tier). */
  openedRate(windowMs: number, now: number): number {
    const ring = this.rings[0];
    if (!ring) return 0;
    let opened = 0;
    for (const { bucket } of ring.range(now - windowMs + ring.tier.bucketMs, now)) opened += bucket.opened;
    return opened / (windowMs / 1000);
  }
}
