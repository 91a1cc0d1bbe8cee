// A recorded window as `stats:series` and `stats:transitions` answer it: ticks merged into points, transitions
// totalled, and the by-process / by-remote breakdowns from each recorded transition.
import {
  TRANSITION_FROM,
  TRANSITION_TO,
  type TransitionCount,
  type TransitionGroup,
} from '../../../shared/model/history';
import { OTHER_GROUP } from '../../../shared/logic/history/breakdown';
import { SERIES_IDS } from '../../../shared/logic/history/series-index';
import type { PastSeries, PastStats, PastTransitions } from '../../../shared/model/timeline';
import { CHURN_CLOSED, CHURN_OPENED } from './monitor-tick-record';
import type { RecordedTransition, TickSummary } from './timeline-types';

/** Groups per breakdown before `(other)`, as the live answer lists them. */
const GROUP_LIMIT = 10;
const SERIES_INDEX = new Map(SERIES_IDS.map((id, i) => [id, i]));
const FROM: ReadonlySet<string> = new Set(TRANSITION_FROM);
const TO: ReadonlySet<string> = new Set(TRANSITION_TO);

type Pair = Pick<TransitionCount, 'from' | 'to'>;

/** A recorded pair of states as history's transition type, or null for one it does not count. */
function pairOf(from: string, to: string): Pair | null {
  return FROM.has(from) && TO.has(to) ? ({ from, to } as Pair) : null;
}

/** Sums transition counts by (from, to), largest first. */
class PairCounts {
  private readonly m = new Map<string, { pair: Pair; count: number }>();
  add(from: string, to: string, count: number): void {
    const pair = pairOf(from, to);
    if (!pair) return;
    const id = `${from}>${to}`;
    const old = this.m.get(id);
    if (old) old.count += count;
    else this.m.set(id, { pair, count });
  }
  get total(): number {
    let n = 0;
    for (const v of this.m.values()) n += v.count;
    return n;
  }
  list(): TransitionCount[] {
    return [...this.m.values()].map((v) => ({ ...v.pair, count: v.count })).sort((a, b) => b.count - a.count);
  }
}

/** The median gap between ticks (ms): the refresh interval the recording was made at. */
export function tickInterval(ticks: readonly TickSummary[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < ticks.length; i++) gaps.push((ticks[i]?.t ?? 0) - (ticks[i - 1]?.t ?? 0));
  if (gaps.length === 0) return 1000;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 1000;
}

/** Ticks merged into at most `maxPoints` points of whole seconds, each the mean count per series. */
export function pastSeries(ticks: readonly TickSummary[], since: number, until: number, maxPoints: number): PastSeries {
  const interval = tickInterval(ticks);
  const span = Math.max(1, until - since + 1);
  const width = Math.max(Math.ceil(span / maxPoints / 1000) * 1000, Math.ceil(interval / 1000) * 1000, 1000);
  const buckets = new Map<number, { sums: Float64Array; n: number; opened: number; closed: number; tr: PairCounts }>();
  let traced = false;
  for (const tick of ticks) {
    const i = Math.floor((tick.t - since) / width);
    let b = buckets.get(i);
    if (!b) {
      b = { sums: new Float64Array(SERIES_IDS.length), n: 0, opened: 0, closed: 0, tr: new PairCounts() };
      buckets.set(i, b);
    }
    b.n++;
    for (const [id, n] of Object.entries(tick.counts)) {
      const at = SERIES_INDEX.get(id);
      if (at !== undefined) b.sums[at] = (b.sums[at] ?? 0) + n;
    }
    b.opened += tick.counts[CHURN_OPENED] ?? 0;
    b.closed += tick.counts[CHURN_CLOSED] ?? 0;
    for (const x of tick.transitions) {
      b.tr.add(x.from, x.to, x.count);
      if (x.source === 'trace') traced = true;
    }
  }
  const points = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([i, b]) => ({
      t: since + i * width,
      samples: b.n,
      counts: Array.from(b.sums, (s) => Math.round((s / b.n) * 100) / 100),
      opened: b.opened,
      closed: b.closed,
      transitions: b.tr.list(),
    }));
  return {
    since,
    until,
    resolutionMs: width,
    series: SERIES_IDS,
    points,
    observedAt: 'tick',
    transitions: traced ? 'trace' : 'observed',
    tickIntervalMs: interval,
  };
}

/** Groups of transitions (by process or by remote end), the largest `GROUP_LIMIT` then `(other)`. */
function groupsOf(records: readonly RecordedTransition[], byProcess: boolean): TransitionGroup[] {
  const groups = new Map<string, { pid: number | null; process: string | null; counts: PairCounts }>();
  for (const r of records) {
    const pid = typeof r.pid === 'number' ? r.pid : null;
    const process = typeof r.process === 'string' ? r.process : null;
    const key = byProcess ? `${pid ?? '?'}/${process ?? '?'}` : typeof r.remote === 'string' ? r.remote : '?';
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = { pid: byProcess ? pid : null, process: byProcess ? process : null, counts: new PairCounts() }),
      );
    g.counts.add(r.from, r.to, 1);
  }
  const all = [...groups.entries()]
    .map(([group, g]) => ({
      group,
      pid: g.pid,
      process: g.process,
      total: g.counts.total,
      transitions: g.counts.list(),
    }))
    .filter((g) => g.total > 0)
    .sort((a, b) => b.total - a.total || a.group.localeCompare(b.group));
  const kept = all.slice(0, GROUP_LIMIT);
  const rest = all.slice(GROUP_LIMIT);
  if (rest.length > 0) {
    const other = new PairCounts();
    for (const g of rest) for (const t of g.transitions) other.add(t.from, t.to, t.count);
    kept.push({ group: OTHER_GROUP, pid: null, process: null, total: other.total, transitions: other.list() });
  }
  return kept;
}

/**
 * Transition totals over the window (`ticks`), broken down by process and by remote end from `detailed`, the
 * ticks of the span starting at `breakdownSince` with each transition record.
 */
export function pastTransitions(
  ticks: readonly TickSummary[],
  detailed: readonly TickSummary[],
  window: { readonly since: number; readonly until: number; readonly breakdownSince: number },
): PastTransitions {
  const total = new PairCounts();
  let opened = 0;
  let closed = 0;
  let traced = false;
  for (const tick of ticks) {
    opened += tick.counts[CHURN_OPENED] ?? 0;
    closed += tick.counts[CHURN_CLOSED] ?? 0;
    for (const x of tick.transitions) {
      total.add(x.from, x.to, x.count);
      if (x.source === 'trace') traced = true;
    }
  }
  const records = detailed.flatMap((t) => t.detail ?? []);
  return {
    from: Math.max(window.since, ticks[0]?.t ?? window.since),
    to: Math.min(window.until, ticks.at(-1)?.t ?? window.until),
    opened,
    closed,
    total: total.list(),
    byProcess: groupsOf(records, true),
    byRemote: groupsOf(records, false),
    observedAt: 'tick',
    transitions: traced ? 'trace' : 'observed',
    breakdownSince: window.breakdownSince,
  };
}

/** Both answers of `timeline:stats`. */
export function pastStats(
  ticks: readonly TickSummary[],
  detailed: readonly TickSummary[],
  window: { readonly since: number; readonly until: number; readonly breakdownSince: number },
  maxPoints: number,
): PastStats {
  return {
    series: pastSeries(ticks, window.since, window.until, maxPoints),
    transitions: pastTransitions(ticks, detailed, window),
  };
}
