// The timeline's channels: the recorder's status, a recording's facts, the table at a time, ticks, closes and stats
// over a recorded window; and the diagnosis of a recorded table, for `diagnosis:findings` with `at`.
import { keyedError } from '../../../shared/logic/input-error';
import { formatLocalTime } from '../../../shared/logic/time-parse';
import { FAILED_CONNECT_WINDOW_MS } from '../../../shared/logic/diagnosis/failed-connect-rule';
import { IANA_DEFAULT_RANGE, LINUX_DEFAULT_RANGE } from '../../../shared/logic/diagnosis/kernel-explainer';
import type { ClosedConnection } from '../../../shared/model/connections';
import type { Diagnosis } from '../../../shared/model/finding';
import { DEFAULT_SERIES_POINTS } from '../../../shared/model/history';
import type { Socket, ProcessInfo } from '../../../shared/model/socket';
import type { PastStats, PastTable } from '../../../shared/model/timeline';
import type { Handlers } from '../handlers';
import type { CoreServices } from '../services';
import { pastStats } from './past-stats';
import type { TimelineReader } from './timeline-reader';

/** The longest span the by-process and by-remote breakdowns read each transition of (ms): the window's last hour. */
const BREAKDOWN_MS = 3_600_000;
/** Most failed connects a past diagnosis reads from its window. */
const MAX_FAILED_CONNECTS = 10_000;

type TimelineChannel =
  'timeline:status' | 'timeline:info' | 'timeline:at' | 'timeline:step' | 'timeline:closed' | 'timeline:stats';

/** A window given the wrong way round is bad input, said with both times. */
export function checkWindow(since: number, until: number): void {
  if (since > until) {
    throw keyedError('timelineUi.error.sinceAfterUntil', {
      since: formatLocalTime(since),
      until: formatLocalTime(until),
    });
  }
}

/**
 * A recorded close as the contract answers it, numbered `id`. Closes are the model's own JSON objects, stored as
 * they were; those recorded before closes carried finalStateSource claim nothing for it: the weakest source.
 */
export function recordedClosed(record: object, id: number): ClosedConnection {
  const e = record as Omit<ClosedConnection, 'finalStateSource'> & Partial<ClosedConnection>;
  return { ...e, finalStateSource: e.finalStateSource ?? 'observed', id };
}

/** The table at `at` as the contract answers it. */
export function pastTable(r: TimelineReader, at: number, host: string): PastTable {
  const t = r.tableAt(at);
  // Recorded sockets and processes are the model's own JSON objects, stored as they were.
  return {
    at,
    tickAt: t.tickAt,
    gap: t.gap,
    sockets: t.sockets as unknown as readonly Socket[],
    processes: t.processes as unknown as readonly ProcessInfo[],
    host,
  };
}

/** `timeline:stats` for a window of `r`. */
export function pastWindowStats(r: TimelineReader, since: number, until: number, maxPoints: number): PastStats {
  checkWindow(since, until);
  const ticks = r.ticksBetween(since, until);
  const end = Math.min(until, ticks.at(-1)?.t ?? until);
  const breakdownSince = Math.max(since, end - BREAKDOWN_MS);
  const detailed = ticks.length > 0 ? r.ticksBetween(breakdownSince, end, { detail: true }) : [];
  return pastStats(ticks, detailed, { since, until, breakdownSince }, maxPoints);
}

/** The diagnosis of the table recorded at `at`: the same rules, on what the recording knows of that moment. */
export async function pastDiagnosis(s: CoreServices, at: number): Promise<Diagnosis> {
  const { table, failed, traced, platform } = s.timeline.read((r) => {
    const t = r.tableAt(at);
    // Only the failed connects count: the cap applies to them, not to every close of the window.
    const window = r.closedBetween(
      at - FAILED_CONNECT_WINDOW_MS,
      t.tickAt,
      MAX_FAILED_CONNECTS,
      (c) => c.failedConnect === true,
    );
    const recent = r.ticksBetween(Math.max(at - 60_000, r.range()?.from ?? at), t.tickAt);
    return {
      table: t,
      failed: window.records.map((c) => c.record as unknown as ClosedConnection),
      traced: recent.some((k) => k.transitions.some((x) => x.source === 'trace')),
      platform: r.info().platform,
    };
  });
  return s.analytics.diagnose(table.sockets as unknown as readonly Socket[], table.tickAt, {
    failedConnects: failed,
    transitions: traced ? 'trace' : 'observed',
    thisHost: s.timeline.isLocal,
    ephemeral: platform === 'linux' ? LINUX_DEFAULT_RANGE : IANA_DEFAULT_RANGE,
  });
}

/** Handlers of the timeline channels. */
export function createTimelineHandlers(s: CoreServices): Pick<Handlers, TimelineChannel> {
  return {
    'timeline:status': () => s.timeline.status(),
    'timeline:info': () => s.timeline.read((r) => ({ ...r.info(), source: s.timeline.status().source })),
    'timeline:at': (req) => s.timeline.read((r, host) => pastTable(r, req.at, host)),
    'timeline:step': (req) => s.timeline.read((r) => ({ at: r.nearestTick(req.from, req.direction) })),
    'timeline:closed': (req) => {
      checkWindow(req.since, req.until);
      return s.timeline.read((r) => {
        const c = r.closedBetween(req.since, req.until, req.limit);
        // Ids of the Connections log are unique within the run that logged them only: numbered anew per answer.
        return { entries: c.records.map((x, i) => recordedClosed(x.record, i + 1)), truncated: c.truncated };
      });
    },
    'timeline:stats': (req) =>
      s.timeline.read((r) => pastWindowStats(r, req.since, req.until, req.maxPoints ?? DEFAULT_SERIES_POINTS)),
  };
}
