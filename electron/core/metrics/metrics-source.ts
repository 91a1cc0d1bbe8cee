// What the Prometheus exporter needs from core: the current state per scrape, and what happened per tick.
import type { EphemeralRange, Finding, KernelSetting } from '../../../shared/model/finding';
import {
  FACT_SOURCES,
  type FactSource,
  type ProcessInfo,
  type Socket,
  type SocketState,
  type TcpMetrics,
} from '../../../shared/model/socket';
import type { FromState, ToState } from '../../../shared/logic/history/series-index';

/**
 * Where a number came from: the kernel's own clocks or counters ('kernel'), the state-change tracepoint ('trace'),
 * or netinspect's poll, which sees each socket once per refresh ('observed', a lower bound for ages).
 */
export type NumberSource = FactSource;

/** Every NumberSource, for label bounds and validation. */
export const NUMBER_SOURCES: readonly NumberSource[] = FACT_SOURCES;

/** Facts about this build, exported once as `netinspect_build_info`. */
export interface BuildInfo {
  readonly version: string;
  /** Node's platform name: linux, win32, darwin. */
  readonly platform: string;
}

/** Collector health as of the last refresh. */
export interface CollectorView {
  /** Sockets whose owner netinspect could not see. */
  readonly hiddenOwners: number;
  /** Times the collector process was restarted after dying. */
  readonly restarts: number;
  /** When the last successful refresh was taken (ms since epoch), or null before the first. */
  readonly lastTakenAt: number | null;
}

/** The diagnosis parts the exporter reads. */
export interface DiagnosisView {
  /** When the table the findings were drawn from was taken (ms since epoch). */
  readonly takenAt: number;
  /** Findings, worst first. */
  readonly findings: readonly Finding[];
  readonly ephemeralRange: EphemeralRange;
  readonly kernel: readonly KernelSetting[];
}

/** What the exporter reads at each scrape (the table itself arrives through ticks). */
export interface MetricsView {
  /** When the table was last refreshed (ms since epoch); ages are measured against it. */
  readonly takenAt: number;
  /** Owners by pid, for names a socket does not carry. */
  readonly processes: ReadonlyMap<number, ProcessInfo>;
  /** Null when the diagnosis could not be run (the per-finding and ephemeral metrics are then left out). */
  readonly diagnosis: DiagnosisView | null;
  readonly collector: CollectorView;
  readonly build: BuildInfo;
}

/** State transitions of one kind since the previous tick. */
export interface MetricsTransition {
  /** A TCP state, or NEW for a socket not there at the previous tick. */
  readonly from: FromState;
  /** A TCP state, or GONE for a socket no longer there. */
  readonly to: ToState;
  /** 'observed' from the poll (steps between two refreshes merge into one), 'trace' from the tracepoint. */
  readonly source: Exclude<NumberSource, 'kernel'>;
  readonly count: number;
}

/** One TCP connection (not a listener) that ended since the previous tick. */
export interface ClosedConnection {
  /** The socket's key while it lived, or null when unknown. */
  readonly key: string | null;
  /** Its last state: from a destroy event ('kernel'), or the last one the poll saw ('observed'). */
  readonly finalState: Exclude<SocketState, 'LISTEN' | 'UNCONN'>;
  readonly source: NumberSource;
  /** Final tcp_info when the kernel reported it (destroy events): byte counters then include the last tick. */
  readonly final: TcpMetrics | null;
}

/** What happened in one refresh of the collector. */
export interface MetricsTick {
  readonly takenAt: number;
  /** How long the collector's refresh took (s), or null when unknown. */
  readonly refreshSeconds: number | null;
  /**
   * True when `updated` is the whole table and only sets the starting point (first tick, or after a resync):
   * nothing in it is counted as having happened.
   */
  readonly baseline: boolean;
  /** Sockets first seen or changed since the previous tick, as they are now (tcp_info deltas come from these). */
  readonly updated: readonly Socket[];
  /** Keys of sockets gone since the previous tick. */
  readonly removed: readonly string[];
  readonly transitions: readonly MetricsTransition[];
  readonly closed: readonly ClosedConnection[];
}

/**
 * What the exporter is fed by: today an adapter over core's public API, later core's tick loop directly. The socket
 * table comes as ticks (a baseline with the whole table, then what each refresh changed), so the exporter keeps its
 * groups up to date as the table moves and a scrape never walks 40,000 sockets.
 */
export interface MetricsSource {
  /** The rest of the current state, read once per scrape. */
  view(): Promise<MetricsView>;
  /** Calls `listener` with a baseline tick at once, then after every refresh; returns the function that stops it. */
  onTick(listener: (tick: MetricsTick) => void): () => void;
}

/**
 * How long a socket has been in its state (s) and where that age comes from: a kernel clock, a traced transition,
 * or polling ('observed': when netinspect first saw the state, a lower bound).
 */
export function stateAge(s: Socket, now: number): { readonly seconds: number; readonly source: NumberSource } {
  return { seconds: Math.max(0, (now - (s.stateSince ?? now)) / 1000), source: s.stateSinceSource };
}
