// One refresh of the live monitor as the recorder stores it: the delta, the processes, the Connections log's closes,
// history's transitions with where each came from, and per-state counts with the tick's churn.
import type { ClosedConnection } from '../../../shared/model/connections';
import { GONE_STATE } from '../../../shared/model/history';
import { SERIES_IDS, cellPair } from '../../../shared/logic/history/series-index';
import type { TickSample } from '../../../shared/logic/history/transition-tracker';
import type { MonitorTick } from '../socket-monitor';
import type {
  JsonObject,
  RecordedProcess,
  RecordedSocket,
  RecordedTransition,
  TimelineTick,
  TransitionSource,
} from './timeline-types';

/**
 * Pseudo-series of a tick's summary that carry its churn, exactly as history counted it (TCP connections, not
 * listeners, opened and closed this tick); readers take them out of the per-state counts.
 */
export const CHURN_OPENED = 'churn:opened';
export const CHURN_CLOSED = 'churn:closed';

/** The source of one of history's transition events on a tick. */
function sourceOf(from: string, to: string, traced: boolean): TransitionSource {
  // Traced, history takes every transition from the tracepoint except a timewait socket's expiry, which only
  // the table shows (TransitionTracker.apply).
  if (!traced) return 'observed';
  return from === 'TIME_WAIT' && to === GONE_STATE ? 'observed' : 'trace';
}

/** The transitions of a history sample, each with its owner, remote end and source. */
export function transitionsOf(sample: TickSample, traced: boolean): RecordedTransition[] {
  return sample.events.map((e) => {
    const { from, to } = cellPair(e.cell);
    return { from, to, source: sourceOf(from, to, traced), pid: e.pid, process: e.process, remote: e.remote };
  });
}

/** Per-series counts without zeros, plus the tick's churn (see CHURN_OPENED). */
export function countsOf(sample: TickSample): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < SERIES_IDS.length; i++) {
    const n = sample.counts[i] ?? 0;
    if (n !== 0) counts[SERIES_IDS[i] ?? `#${i}`] = n;
  }
  if (sample.opened) counts[CHURN_OPENED] = sample.opened;
  if (sample.closed) counts[CHURN_CLOSED] = sample.closed;
  return counts;
}

/**
 * The recorder's tick for one monitor refresh. `sample` is what history folded from it (null when history failed
 * on this tick: the table is still recorded, without transitions); `traced` says its transitions came from the
 * kernel's tracepoint.
 */
export function recordedTick(
  t: MonitorTick,
  closed: readonly ClosedConnection[],
  sample: TickSample | null,
  traced: boolean,
): TimelineTick {
  // Sockets, processes and closes are plain JSON objects of the model: stored as they are.
  return {
    takenAt: t.takenAt,
    added: t.added as readonly RecordedSocket[],
    changed: t.changed as readonly RecordedSocket[],
    removed: t.removed,
    processes: t.processes as readonly RecordedProcess[],
    closed: closed as readonly JsonObject[],
    transitions: sample ? transitionsOf(sample, traced) : [],
    counts: sample ? countsOf(sample) : {},
    table: t.table as ReadonlyMap<string, RecordedSocket>,
  };
}
