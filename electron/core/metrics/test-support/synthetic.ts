// Synthetic views and ticks through the source interface, for unit tests and the scrape benchmark.
import type { Socket } from '../../../../shared/model/socket';
import type { DiagnosisView, MetricsSource, MetricsTick, MetricsView } from '../metrics-source';

/** Test time (ms since epoch). */
export const NOW = 1_700_000_000_000;

/** A diagnosis of NOW with no finding and a 28,232-port Linux ephemeral range, unless overridden. */
export function diagnosisOf(over: Partial<DiagnosisView> = {}): DiagnosisView {
  return {
    takenAt: NOW,
    findings: [],
    ephemeralRange: { low: 32768, high: 60999, excluded: 0, source: 'ip_local_port_range' },
    kernel: [],
    ...over,
  };
}

/** A view taken at NOW with diagnosisOf(), unless overridden. */
export function viewOf(over: Partial<MetricsView> = {}): MetricsView {
  return {
    takenAt: NOW,
    processes: new Map(),
    diagnosis: diagnosisOf(),
    collector: { hiddenOwners: 0, restarts: 0, lastTakenAt: NOW },
    build: { version: '0.0.0-test', platform: 'linux' },
    ...over,
  };
}

/** A tick with nothing in it but what `over` says. */
export function tickOf(over: Partial<MetricsTick> = {}): MetricsTick {
  return {
    takenAt: NOW,
    refreshSeconds: null,
    baseline: false,
    updated: [],
    removed: [],
    transitions: [],
    closed: [],
    ...over,
  };
}

/** A baseline tick carrying `sockets` as the whole table. */
export function baselineOf(sockets: readonly Socket[]): MetricsTick {
  return tickOf({ baseline: true, updated: sockets });
}

/** A source over a fixed table: its view comes from `view()`, its ticks are pushed by the caller. */
export class SyntheticSource implements MetricsSource {
  private readonly listeners = new Set<(t: MetricsTick) => void>();
  constructor(
    private readonly table: readonly Socket[],
    readonly view: () => Promise<MetricsView> = () => Promise.resolve(viewOf()),
  ) {}

  onTick(listener: (tick: MetricsTick) => void): () => void {
    this.listeners.add(listener);
    listener(baselineOf(this.table));
    return () => this.listeners.delete(listener);
  }

  /** Delivers a tick to every listener. */
  push(tick: MetricsTick): void {
    for (const l of this.listeners) l(tick);
  }
}
