// Core's history of socket states: every tick's counts, churn and transitions, kept in bounded rings.
import {
  DEFAULT_SERIES_POINTS,
  WINDOW_MS,
  type StatsSeries,
  type StatsTransitions,
  type StatsWindow,
  type TransitionCount,
} from '../../../shared/model/history';
import { TransitionBreakdown } from '../../../shared/logic/history/breakdown';
import { SERIES_IDS } from '../../../shared/logic/history/series-index';
import { TieredSeries } from '../../../shared/logic/history/tiered-series';
import {
  TransitionTracker,
  type TickChanges,
  type TickSample,
  type TracedTick,
} from '../../../shared/logic/history/transition-tracker';

/** Groups per breakdown a `stats:transitions` answer lists before `(other)`. */
const GROUP_LIMIT = 10;

/**
 * History shared by the window, the CLI and reports. Memory bound, whatever the run time: series rings ~4.7 MB
 * (1 h at 1 s + 24 h at 1 min), breakdown rings <= 9.6 MB worst case (a few hundred KB in practice), plus one map
 * entry (~100 B) per live socket in the tracker. Everything is observed at tick resolution.
 */
export class HistoryStore {
  private readonly tracker = new TransitionTracker();
  private readonly series = new TieredSeries();
  private readonly breakdown = new TransitionBreakdown();
  private lastAt = 0;
  /** Whether the latest tick's transitions came from the kernel's trace. */
  private traced = false;

  /** @param tickIntervalMs reports the refresh interval the samples are taken at (ms). */
  constructor(private readonly tickIntervalMs: () => number) {}

  /** Folds one tick (the delta since the previous tick, taken at `takenAt` ms since epoch). */
  record(changes: TickChanges, takenAt: number, traced?: TracedTick): TickSample {
    const sample = this.tracker.apply(changes, takenAt, traced);
    this.traced = traced?.transitions != null;
    this.series.add(sample);
    this.breakdown.add(sample);
    this.lastAt = Math.max(this.lastAt, takenAt);
    return sample;
  }

  /** How the latest tick's transitions were counted: traced (every one) or observed at the refresh. */
  get transitionSource(): 'trace' | 'observed' {
    return this.traced ? 'trace' : 'observed';
  }

  /** Time of the last tick recorded (ms since epoch), or 0. */
  get lastTickAt(): number {
    return this.lastAt;
  }

  /** New TCP connections per second over the last `windowMs`. */
  openedRate(windowMs = 10_000): number {
    return this.series.openedRate(windowMs, this.lastAt || Date.now());
  }

  /** The `stats:series` answer. */
  seriesFor(window: StatsWindow, maxPoints = DEFAULT_SERIES_POINTS, now = Date.now()): StatsSeries {
    const q = this.series.query(WINDOW_MS[window], now, maxPoints);
    return {
      window,
      resolutionMs: q.resolutionMs,
      series: SERIES_IDS,
      points: q.points,
      observedAt: 'tick',
      transitions: this.traced ? 'trace' : 'observed',
      tickIntervalMs: this.tickIntervalMs(),
    };
  }

  /** The `stats:transitions` answer. */
  transitionsFor(window: StatsWindow, now = Date.now()): StatsTransitions {
    const windowMs = WINDOW_MS[window];
    const q = this.series.query(windowMs, now, 1);
    const point = q.points[0];
    const b = this.breakdown.query(windowMs, now, GROUP_LIMIT);
    const total: TransitionCount[] = point?.transitions ? [...point.transitions] : [];
    return {
      window,
      from: Math.min(b.from, now - windowMs),
      to: now,
      opened: point?.opened ?? 0,
      closed: point?.closed ?? 0,
      total,
      byProcess: b.byProcess,
      byRemote: b.byRemote,
      observedAt: 'tick',
      transitions: this.traced ? 'trace' : 'observed',
    };
  }
}
