// The collector process's memory: its last table, so only deltas cross the process boundary.
import { SocketDiffer } from '../../../shared/logic/diff';
import type { ProcessInfo } from '../../../shared/model/socket';
import type { SocketCollector } from '../platform/platform';
import type { FullResult, TickResult, TickStats } from './protocol';

/** Keeps the last table and the process details already sent, and turns snapshots into deltas. */
export class CollectorState {
  private readonly differ = new SocketDiffer();
  private sent = new Map<number, ProcessInfo>();
  private processes = new Map<number, ProcessInfo>();

  constructor(private readonly collector: SocketCollector) {}

  /** Takes a snapshot and returns what changed since the previous one. */
  tick(): TickResult {
    const started = performance.now();
    const snap = this.collector.snapshot();
    const d = this.differ.next(snap.sockets, snap.takenAt);
    this.processes = new Map(snap.processes.map((p) => [p.pid, p]));
    const processes: ProcessInfo[] = [];
    for (const p of snap.processes) {
      const old = this.sent.get(p.pid);
      if (!old || old.startTime !== p.startTime || old.name !== p.name || old.exe !== p.exe) {
        processes.push(p);
        this.sent.set(p.pid, p);
      }
    }
    for (const pid of this.sent.keys()) if (!this.processes.has(pid)) this.sent.delete(pid);
    const stats: TickStats = {
      takenAt: snap.takenAt,
      source: snap.source,
      fallbackReason: snap.fallbackReason,
      ownerVisibility: snap.ownerVisibility,
      hiddenOwners: snap.hiddenOwners,
      durationMs: performance.now() - started,
      socketCount: this.differ.table.size,
    };
    return { kind: 'tick', added: d.added, removed: d.removed, changed: d.changed, processes, stats };
  }

  /** Takes a snapshot and returns the whole table. */
  full(): FullResult {
    const t = this.tick();
    return {
      kind: 'full',
      sockets: [...this.differ.table.values()],
      processes: [...this.processes.values()],
      stats: t.stats,
    };
  }

  close(): void {
    this.collector.close();
  }
}
