// The exporter's source, fed by core's own refresh loop: every tick's delta, the history sample (transitions, traced
// when the tracepoint is on), and the Connections log's closes (from the kernel's destroy events when they are on).
import { denseToCounts } from '../../../shared/logic/history/series-index';
import type { TickSample } from '../../../shared/logic/history/transition-tracker';
import type { ClosedConnection as LoggedClose } from '../../../shared/model/connections';
import type { Diagnosis } from '../../../shared/model/finding';
import type { CollectorStatus } from '../../../shared/model/snapshot';
import type { ProcessInfo, Socket } from '../../../shared/model/socket';
import type { MonitorTick } from '../socket-monitor';
import type {
  BuildInfo,
  ClosedConnection,
  DiagnosisView,
  MetricsSource,
  MetricsTick,
  MetricsView,
} from './metrics-source';

/** What one refresh gave core, as the exporter reads it. */
export interface CoreTick {
  readonly tick: MonitorTick;
  /** History's sample of the tick (null when history failed on it). */
  readonly sample: TickSample | null;
  /** Whether the sample's transitions came from the tracepoint. */
  readonly traced: boolean;
  /** Connections the log saw close in this tick. */
  readonly closed: readonly LoggedClose[];
}

/** What the source needs from core. */
export interface TickSourceDeps {
  /** Calls `listener` after every refresh; returns the function that stops it. */
  onTick(listener: (t: CoreTick) => void): () => void;
  table(): ReadonlyMap<string, Socket>;
  processes(): ReadonlyMap<number, ProcessInfo>;
  status(): CollectorStatus;
  diagnose(): Promise<Diagnosis>;
  readonly build: BuildInfo;
}

/** A source that can be stopped. */
export interface StoppableMetricsSource extends MetricsSource {
  close(): void;
}

/** Final states the exporter counts closes by (a listener or an unconnected socket never is one). */
function countable(c: LoggedClose): c is LoggedClose & { finalState: ClosedConnection['finalState'] } {
  // As churn: what this network namespace freed. A failed connect known only from the trace may be another
  // namespace's (the tracepoint is machine-wide).
  return c.finalState !== 'LISTEN' && c.finalState !== 'UNCONN' && c.proto === 'tcp' && c.closedAtSource !== 'trace';
}

/** The metrics source over core's tick loop; the diagnosis runs between scrapes, at most one at a time. */
export function createTickMetricsSource(deps: TickSourceDeps): StoppableMetricsSource {
  const listeners = new Set<(tick: MetricsTick) => void>();
  let diagnosis: DiagnosisView | null = null;
  let diagnosing: Promise<void> | null = null;
  const diagnose = (): Promise<void> =>
    (diagnosing ??= deps
      .diagnose()
      .then((d) => void (diagnosis = d))
      .catch(() => undefined)
      .finally(() => (diagnosing = null)));
  const stop = deps.onTick(({ tick, sample, traced, closed }) => {
    const t: MetricsTick = {
      takenAt: tick.takenAt,
      refreshSeconds: tick.stats.durationMs / 1000,
      baseline: false,
      updated: [...tick.added, ...tick.changed],
      removed: tick.removed,
      transitions: sample
        ? denseToCounts(sample.cells).map((c) => ({
            ...c,
            source: traced ? ('trace' as const) : ('observed' as const),
          }))
        : [],
      closed: closed.filter(countable).map((c) => ({
        key: `${c.proto}${c.family} ${c.localAddress}:${c.localPort} ${c.remoteAddress}:${c.remotePort}`,
        finalState: c.finalState,
        source: c.closedAtSource,
        final:
          c.closedAtSource === 'kernel'
            ? { rttMs: c.rttMs, retransmits: c.retransmits, bytesSent: c.bytesSent, bytesReceived: c.bytesReceived }
            : null,
      })),
    };
    for (const l of listeners) l(t);
  });
  return {
    onTick(listener) {
      listeners.add(listener);
      listener({
        takenAt: deps.status().lastTakenAt ?? Date.now(),
        refreshSeconds: null,
        baseline: true,
        updated: [...deps.table().values()],
        removed: [],
        transitions: [],
        closed: [],
      });
      return () => listeners.delete(listener);
    },
    async view(): Promise<MetricsView> {
      const st = deps.status();
      if (!diagnosis) await diagnose();
      else if (diagnosis.takenAt !== st.lastTakenAt && !diagnosing) setImmediate(() => void diagnose());
      return {
        takenAt: st.lastTakenAt ?? Date.now(),
        processes: deps.processes(),
        diagnosis,
        collector: { hiddenOwners: st.hiddenOwners, restarts: st.restarts, lastTakenAt: st.lastTakenAt },
        build: deps.build,
      };
    },
    close() {
      stop();
      listeners.clear();
    },
  };
}
