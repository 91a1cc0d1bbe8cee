// Wires history, diagnosis and alerts to the tick: what core (and the CLI's own loop) runs after every refresh.
import { DEFAULT_THRESHOLDS, type Alert, type WatchList } from '../../shared/model/alerts';
import type { Diagnosis } from '../../shared/model/finding';
import type { Settings } from '../../shared/model/settings';
import type { Socket } from '../../shared/model/socket';
import { IANA_DEFAULT_RANGE, LINUX_DEFAULT_RANGE } from '../../shared/logic/diagnosis/kernel-explainer';
import { FAILED_CONNECT_WINDOW_MS } from '../../shared/logic/diagnosis/failed-connect-rule';
import { runDiagnosis } from '../../shared/logic/diagnosis/run-diagnosis';
import type { ClosedConnection } from '../../shared/model/connections';
import type { TickChanges, TickSample, TracedTick } from '../../shared/logic/history/transition-tracker';
import { AlertCenter, type AlertSink } from './alerts/alert-center';
import type { KernelFacts } from './platform/platform';
import { HistoryStore } from './history/history-store';

/** Kernel settings change rarely; re-read them at most this often (ms). */
const KERNEL_TTL_MS = 60_000;

export interface AnalyticsOptions {
  readonly settings: () => Settings;
  readonly onAlert: AlertSink;
  /** Where kernel facts come from (the platform's kernelFacts). */
  readonly readKernel: () => Promise<KernelFacts>;
  /** Recent failed connects (from the Connections log), for the failed-connect rule and alert. */
  readonly failedConnects?: (since: number) => readonly ClosedConnection[];
}

/** What a diagnosis of a recorded table reads from the recording instead of the live state. */
export interface PastFacts {
  /** Failed connects in the rule's window before the table's time. */
  readonly failedConnects: readonly ClosedConnection[];
  /** How the recording learnt transitions around that time. */
  readonly transitions: 'trace' | 'observed';
  /** Recorded on this host: its kernel settings apply. */
  readonly thisHost: boolean;
  /** The ephemeral range to judge by when the recording is of another host (its own is not recorded). */
  readonly ephemeral: KernelFacts['ephemeral'];
}

/** History + alerts fed per tick, diagnosis on demand. */
export class StateAnalytics {
  readonly history: HistoryStore;
  readonly alerts: AlertCenter;
  private kernel: KernelFacts = {
    readable: false,
    settings: [],
    ephemeral: process.platform === 'linux' ? LINUX_DEFAULT_RANGE : IANA_DEFAULT_RANGE,
    maxTimeWaitBuckets: null,
  };
  private kernelAt = 0;
  private kernelLoading: Promise<KernelFacts> | null = null;
  private lastErrorAt = 0;

  constructor(private readonly options: AnalyticsOptions) {
    this.history = new HistoryStore(() => options.settings().refreshIntervalMs);
    this.alerts = new AlertCenter(options.onAlert);
    void this.kernelFacts();
  }

  /**
   * One tick: record history, then evaluate alerts on the new table. Never throws into the monitor. Answers what
   * history folded from it (the recorder stores it), or null when history failed on this tick.
   */
  onTick(
    changes: TickChanges,
    table: ReadonlyMap<string, Socket>,
    takenAt: number,
    traced?: TracedTick,
  ): TickSample | null {
    let sample: TickSample | null = null;
    try {
      sample = this.history.record(changes, takenAt, traced);
      this.evaluate([...table.values()], takenAt);
      if (Date.now() - this.kernelAt > KERNEL_TTL_MS) void this.kernelFacts();
    } catch (e) {
      // A bug here must not stop the table from refreshing; say it at most once a minute.
      if (Date.now() - this.lastErrorAt > 60_000) {
        this.lastErrorAt = Date.now();
        process.stderr.write(`netinspect: analytics failed: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
    return sample;
  }

  /** Re-evaluates alerts now (after watches or thresholds changed), on the given table. */
  evaluate(sockets: readonly Socket[], now: number): void {
    const s = this.options.settings();
    this.alerts.update({
      sockets,
      now,
      watchedPorts: s.watchedPorts ?? [],
      thresholds: s.alertThresholds ?? DEFAULT_THRESHOLDS,
      newConnectionsPerSec: this.history.openedRate(),
      ephemeral: this.kernel.ephemeral,
      failedConnects: this.options.failedConnects?.(now - FAILED_CONNECT_WINDOW_MS) ?? [],
    });
  }

  /** The ephemeral port range of this host, as the kernel facts give it. */
  async ephemeralRange(): Promise<KernelFacts['ephemeral']> {
    return (await this.kernelFacts()).ephemeral;
  }

  /**
   * The `diagnosis:findings` answer for a table taken at `takenAt`. With `past`, for a recorded table: its failed
   * connects and transition source come from the recording, and a recording of another host has no kernel facts.
   */
  async diagnose(sockets: readonly Socket[], takenAt: number, past?: PastFacts): Promise<Diagnosis> {
    const here = await this.kernelFacts();
    const k: KernelFacts =
      past && !past.thisHost
        ? { readable: false, settings: [], ephemeral: past.ephemeral, maxTimeWaitBuckets: null }
        : here;
    return {
      takenAt,
      findings: runDiagnosis({
        sockets,
        now: takenAt,
        ephemeral: k.ephemeral,
        thresholds: this.options.settings().alertThresholds ?? DEFAULT_THRESHOLDS,
        maxTimeWaitBuckets: k.maxTimeWaitBuckets,
        failedConnects: past
          ? past.failedConnects
          : (this.options.failedConnects?.(takenAt - FAILED_CONNECT_WINDOW_MS) ?? []),
        transitions: past ? past.transitions : this.history.transitionSource,
      }),
      kernel: k.settings,
      ephemeralRange: k.ephemeral,
      kernelReadable: k.readable,
    };
  }

  /** The `watch:*` answer. */
  watchList(): WatchList {
    const s = this.options.settings();
    return {
      ports: s.watchedPorts ?? [],
      thresholds: s.alertThresholds ?? DEFAULT_THRESHOLDS,
      active: this.alerts.active(),
    };
  }

  /** The alert log. */
  log(): Alert[] {
    return this.alerts.entries();
  }

  private kernelFacts(): Promise<KernelFacts> {
    if (Date.now() - this.kernelAt <= KERNEL_TTL_MS && this.kernelAt > 0) return Promise.resolve(this.kernel);
    this.kernelLoading ??= this.options
      .readKernel()
      .then((k) => {
        this.kernel = k;
        this.kernelAt = Date.now();
        return k;
      })
      .catch(() => this.kernel)
      .finally(() => (this.kernelLoading = null));
    return this.kernelLoading;
  }
}
