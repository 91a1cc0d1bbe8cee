// Synthetic views and ticks through the source interface, for unit tests and the scrape benchmark.
import type { Diagnosis } from '../../../../shared/model/finding';
import type { Socket } from '../../../../shared/model/socket';
import type { MetricsSource, MetricsTick, MetricsView } from '../metrics-source';

/** Test time (ms since epoch). */
export const NOW = 1_700_000_000_000;

/** A view of `sockets` taken at NOW, with a 28,232-port Linux ephemeral range unless overridden. */
export function viewOf(sockets: readonly Socket[], over: Partial<MetricsView> = {}): MetricsView {
  const diagnosis: Pick<Diagnosis, 'findings' | 'ephemeralRange' | 'kernel'> = {
    findings: [],
    ephemeralRange: { low: 32768, high: 60999, excluded: 0, source: 'ip_local_port_range' },
    kernel: [],
  };
  return {
    takenAt: NOW,
    sockets,
    processes: new Map(),
    diagnosis,
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

/** A source whose view is whatever was set last, and whose ticks are pushed by the caller. */
export class SyntheticSource implements MetricsSource {
  private readonly listeners = new Set<(t: MetricsTick) => void>();
  constructor(public current: MetricsView) {}

  view(): Promise<MetricsView> {
    return Promise.resolve(this.current);
  }

  onTick(listener: (tick: MetricsTick) => void): () => void {
    this.listeners.add(listener);
    listener(tickOf({ baseline: true, updated: this.current.sockets }));
    return () => this.listeners.delete(listener);
  }

  /** Delivers a tick to every listener. */
  push(tick: MetricsTick): void {
    for (const l of this.listeners) l(tick);
  }
}
