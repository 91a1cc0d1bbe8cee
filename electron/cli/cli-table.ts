// The CLI's own sampled table for the tools and report commands: collector, differ and analytics in this process.
import { SocketDiffer } from '../../shared/logic/diff';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/model/settings';
import type { Snapshot } from '../../shared/model/snapshot';
import type { ProcessInfo } from '../../shared/model/socket';
import { createCollector } from '../core/platform/index';
import type { SocketCollector } from '../core/platform/collector';
import { StateAnalytics } from '../core/state-analytics';

/** Ticks the collector like core does, keeping the processes as well as the sockets. */
export class CliTable {
  readonly analytics: StateAnalytics;
  private readonly collector: SocketCollector;
  private readonly differ = new SocketDiffer();
  private processes: readonly ProcessInfo[] = [];
  private takenAt = 0;
  private hidden = 0;
  private visibility: 'all' | 'partial' = 'all';

  constructor(settings: Partial<Settings> = {}) {
    const all: Settings = { ...DEFAULT_SETTINGS, ...settings };
    this.collector = createCollector();
    this.analytics = new StateAnalytics({ settings: () => all, onAlert: () => {} });
  }

  /** One snapshot, diffed and fed to history. */
  tick(): void {
    const snap = this.collector.snapshot();
    const changes = this.differ.next(snap.sockets, snap.takenAt);
    this.processes = snap.processes;
    this.takenAt = snap.takenAt;
    this.hidden = snap.hiddenOwners;
    this.visibility = snap.ownerVisibility;
    this.analytics.onTick(changes, this.differ.table, snap.takenAt);
  }

  /** `ticks` snapshots `intervalMs` apart (the first at once). */
  async sample(ticks: number, intervalMs: number): Promise<void> {
    for (let i = 0; i < ticks; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, intervalMs));
      this.tick();
    }
  }

  /** The table as of the last tick. */
  snapshot(): Snapshot {
    return { seq: 0, takenAt: this.takenAt, sockets: [...this.differ.table.values()], processes: this.processes };
  }

  /** Owner visibility of the last tick. */
  owners(): { ownerVisibility: 'all' | 'partial'; hiddenOwners: number } {
    return { ownerVisibility: this.visibility, hiddenOwners: this.hidden };
  }

  close(): void {
    this.collector.close();
  }
}
