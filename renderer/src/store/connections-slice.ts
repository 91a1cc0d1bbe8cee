// The Connections log in the window: closed connections polled from core after the newest one held, newest first and
// bounded, with the log's source, totals and closed-per-second counts, and the log's own filter text.
import { closedPerSecond } from '../../../shared/logic/connections/closed-rate';
import { CONNECTION_LOG_SIZE } from '../../../shared/logic/connections/connection-log';
import type { ClosedConnection, ClosedLog } from '../../../shared/model/connections';
import type { AppErrorData } from '../../../shared/model/errors';
import { MAX_PAST_CLOSED } from '../../../shared/model/timeline';
import { host } from '../api';
import type { Slice } from './types';

/** Closed connections the window keeps: as many as core's log does. */
export const CLOSED_KEPT = CONNECTION_LOG_SIZE;

/** The Connections log answer without its entries: source, totals, losses, the per-second counts. */
export type ClosedLogFacts = Omit<ClosedLog, 'entries'>;

export interface ConnectionsSlice {
  /** Closed connections, newest first, at most CLOSED_KEPT. */
  readonly closed: readonly ClosedConnection[];
  /** The rest of the last answer, or null before the first. */
  readonly closedFacts: ClosedLogFacts | null;
  /** Why the last poll failed, shown in the view rather than as a toast each refresh. */
  readonly closedError: AppErrorData | null;
  /** Filter-box text of the log (the table's syntax, its own text: filtering one table leaves the other). */
  readonly closedFilter: string;
  setClosedFilter(text: string): void;
  /** Asks `connections:closed` for what closed after the newest entry held; skipped while one is in flight. */
  loadClosed(): Promise<void>;
  /** Shows this log instead (newest first): what a poll does, and how a past log can be shown. */
  showClosed(entries: readonly ClosedConnection[], facts: ClosedLogFacts): void;
  /** The recorded window shown instead of the live log, or null while live. */
  readonly closedPast: { readonly since: number; readonly until: number; readonly truncated: boolean } | null;
  /** Shows what the recording saw close in the minutes before `at` (the time viewed; PAST_CLOSED_SPANS_MS). */
  loadPastClosed(at: number): Promise<void>;
  /** Back to the live log: the next poll reloads it whole. */
  leavePastClosed(): void;
}

/** How far back from the time viewed the Connections log reads a recording (ms): the first that is not cut short. */
export const PAST_CLOSED_SPANS_MS = [10 * 60_000, 60_000, 10_000] as const;

/** The facts of a recorded window: every close from the recording, and its per-second counts before `until`. */
export function pastClosedFacts(entries: readonly ClosedConnection[], until: number): ClosedLogFacts {
  return {
    total: entries.length,
    source: entries.some((e) => e.closedAtSource === 'observed') ? 'observed' : 'kernel',
    fallbackReason: null,
    lost: 0,
    perSecond: closedPerSecond(entries, until),
  };
}

/**
 * Folds one answer for "everything after `newestId`" into the entries held. `total` counts every close since core
 * started, so the answer must hold all closes since the last one (`total - heldTotal`), up to `kept`. Fewer means
 * core started over (its ids began again): null, reload everything. More than an answer holds leaves a gap: the
 * answer replaces what is held rather than showing a log with a hole in it.
 */
export function mergeClosed(
  held: readonly ClosedConnection[],
  heldTotal: number | null,
  answer: ClosedLog,
  kept: number,
): readonly ClosedConnection[] | null {
  if (heldTotal === null || held.length === 0) return answer.entries.slice(0, kept);
  const since = answer.total - heldTotal;
  if (since < 0 || answer.entries.length < Math.min(since, kept)) return null;
  if (since > answer.entries.length) return answer.entries.slice(0, kept);
  if (answer.entries.length === 0) return held;
  return [...answer.entries, ...held].slice(0, kept);
}

export const createConnectionsSlice: Slice<ConnectionsSlice> = (set, get) => {
  let inFlight = false;
  // The newest past window asked for wins; a live poll answered after it is dropped.
  let pastAsked: number | null = null;

  const ask = async (afterId: number) => host.bridge.invoke('connections:closed', { afterId, limit: CLOSED_KEPT });

  return {
    closed: [],
    closedFacts: null,
    closedError: null,
    closedFilter: '',
    closedPast: null,

    setClosedFilter(closedFilter) {
      set({ closedFilter });
    },

    showClosed(entries, facts) {
      set({ closed: entries, closedFacts: facts, closedError: null });
    },

    async loadPastClosed(at) {
      pastAsked = at;
      // The newest closes before `at` matter most: a window too busy for one answer is narrowed until one holds it.
      for (const span of PAST_CLOSED_SPANS_MS) {
        const since = at - span;
        const r = await host.bridge.invoke('timeline:closed', { since, until: at, limit: MAX_PAST_CLOSED });
        if (pastAsked !== at) return;
        if (!r.ok) {
          set({ closedError: r.error, closedPast: { since, until: at, truncated: false } });
          return;
        }
        if (r.value.truncated && span !== PAST_CLOSED_SPANS_MS.at(-1)) continue;
        const entries = [...r.value.entries].reverse();
        set({ closedPast: { since, until: at, truncated: r.value.truncated } });
        get().showClosed(entries, pastClosedFacts(entries, at));
        return;
      }
    },

    leavePastClosed() {
      if (pastAsked === null && get().closedPast === null) return;
      pastAsked = null;
      set({ closed: [], closedFacts: null, closedError: null, closedPast: null });
    },

    async loadClosed() {
      if (inFlight || pastAsked !== null) return;
      inFlight = true;
      try {
        const { closed, closedFacts } = get();
        let r = await ask(closed[0]?.id ?? -1);
        if (!r.ok) {
          set({ closedError: r.error });
          return;
        }
        let merged = mergeClosed(closed, closedFacts?.total ?? null, r.value, CLOSED_KEPT);
        if (merged === null) {
          r = await ask(-1);
          if (!r.ok) {
            set({ closedError: r.error });
            return;
          }
          merged = r.value.entries.slice(0, CLOSED_KEPT);
        }
        const { entries: _entries, ...facts } = r.value;
        // Time travel started while this was asked: the past window is what is shown now.
        if (pastAsked === null) get().showClosed(merged, facts);
      } finally {
        inFlight = false;
      }
    },
  };
};
