// The CLI's own tick loop: the collector in this process, diffed and fed to the same analytics core runs.
import { SocketDiffer } from '../../shared/logic/diff';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/model/settings';
import type { Socket } from '../../shared/model/socket';
import type { AlertSink } from '../core/alerts/alert-center';
import { createCollector } from '../core/platform/index';
import type { SocketCollector } from '../core/platform/collector';
import { StateAnalytics } from '../core/state-analytics';

/** One collector, one differ, one analytics: what `stats`, `diagnose` and `watch` tick. */
export class CliSampler {
  readonly analytics: StateAnalytics;
  private readonly collector: SocketCollector;
  private readonly differ = new SocketDiffer();
  private takenAt = 0;

  constructor(settings: Partial<Settings>, onAlert: AlertSink = () => {}) {
    const all: Settings = { ...DEFAULT_SETTINGS, ...settings };
    this.collector = createCollector();
    this.analytics = new StateAnalytics({ settings: () => all, onAlert });
  }

  /** Takes one snapshot and feeds it through history and alerts. */
  tick(): void {
    const snap = this.collector.snapshot();
    const changes = this.differ.next(snap.sockets, snap.takenAt);
    this.takenAt = snap.takenAt;
    this.analytics.onTick(changes, this.differ.table, snap.takenAt);
  }

  /** `ticks` snapshots, `intervalMs` apart (the first at once). */
  async sample(ticks: number, intervalMs: number): Promise<void> {
    for (let i = 0; i < ticks; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, intervalMs));
      this.tick();
    }
  }

  /** The table as of the last tick. */
  get sockets(): readonly Socket[] {
    return [...this.differ.table.values()];
  }

  get lastTakenAt(): number {
    return this.takenAt;
  }

  close(): void {
    this.collector.close();
  }
}
