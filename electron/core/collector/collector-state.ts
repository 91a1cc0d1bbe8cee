// The collector process's memory: its last table, so only deltas cross the process boundary.
import { SocketDiffer } from '../../../shared/logic/socket-differ';
import type { ProcessInfo } from '../../../shared/model/socket';
import { NO_KERNEL_EVENTS } from '../../../shared/model/kernel-events';
import type { SocketCollector, SocketEventSource } from '../platform/platform';
import type { FullResult, TickResult, TickStats } from './protocol';

/** Keeps the last table and the process details already sent, and turns snapshots into deltas. */
export class CollectorState {
  private readonly differ = new SocketDiffer();
  private sent = new Map<number, ProcessInfo>();
  private processes = new Map<number, ProcessInfo>();

  /** `events`: the kernel's event sources, drained on every refresh (null: none, closes come from diffs). */
  constructor(
    private readonly collector: SocketCollector,
    private readonly events: SocketEventSource | null = null,
  ) {}

  /** Takes a snapshot and returns what changed since the previous one. */
  tick(): TickResult {
    const started = performance.now();
    const snap = this.collector.snapshot();
    this.events?.noteSockets(snap.sockets);
    const events = this.events?.drain(snap.takenAt) ?? NO_KERNEL_EVENTS;
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
      kernelSources: this.events?.status() ?? [],
    };
    return { kind: 'tick', added: d.added, removed: d.removed, changed: d.changed, processes, stats, events };
  }

  /** Takes a snapshot and returns the whole table. */
  full(): FullResult {
    const t = this.tick();
    return {
      kind: 'full',
      sockets: [...this.differ.table.values()],
      processes: [...this.processes.values()],
      stats: t.stats,
      events: t.events,
    };
  }

  close(): void {
    this.events?.close();
    this.collector.close();
  }
}
