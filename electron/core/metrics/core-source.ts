// The metrics source over today's core, through its public API only: subscribe, follow deltas and status, ask.
import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload, Response } from '../../../shared/contract';
import { applyDelta } from '../../../shared/logic/diff';
import { denseToCounts, cellPair } from '../../../shared/logic/history/series-index';
import { TransitionTracker, type TickSample } from '../../../shared/logic/history/transition-tracker';
import { GONE_STATE, NEW_STATE } from '../../../shared/model/history';
import type { SocketDelta } from '../../../shared/model/snapshot';
import type { ProcessInfo, Socket } from '../../../shared/model/socket';
import type { Core } from '../app-core';
import type { Client } from '../client';
import type {
  BuildInfo,
  ClosedConnection,
  DiagnosisView,
  MetricsSource,
  MetricsTick,
  MetricsView,
} from './metrics-source';

/** A source that can be stopped (it holds a subscription in core). */
export interface CoreMetricsSource extends MetricsSource {
  close(): void;
}

type CoreApi = Pick<Core, 'handle' | 'disconnect'>;
type Status = EventPayload<'collector:status'>;

/** Forgetting gone processes walks the table: at most this often (ms). */
const PRUNE_EVERY_MS = 10_000;

/**
 * Subscribes to core like a front end does and keeps its own copy of the table, so a scrape costs core nothing
 * (the diagnosis runs between scrapes). Transitions come from the same TransitionTracker core's history uses
 * (observed at tick resolution); a gap in delta sequence numbers re-subscribes and starts a new baseline.
 */
export async function createCoreMetricsSource(core: CoreApi): Promise<CoreMetricsSource> {
  const info = await call(core, 'app:info');
  const source = new CoreSource(core, { version: info.version, platform: info.platform });
  await source.sync();
  return source;
}

async function call<C extends 'app:info' | 'sockets:subscribe' | 'diagnosis:findings' | 'sockets:unsubscribe'>(
  core: CoreApi,
  channel: C,
  client?: Client,
): Promise<Response<C>> {
  const r = await core.handle(channel, {}, client ?? { id: 'metrics-once', send: () => undefined });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Response<C>;
}

class CoreSource implements CoreMetricsSource {
  private readonly client: Client;
  private readonly table = new Map<string, Socket>();
  private readonly processes = new Map<number, ProcessInfo>();
  private readonly listeners = new Set<(tick: MetricsTick) => void>();
  private tracker = new TransitionTracker();
  private seq = 0;
  /** Deltas that arrive while a subscribe is under way (applied after its snapshot if newer). */
  private queued: SocketDelta[] | null = null;
  private pending: Omit<MetricsTick, 'refreshSeconds'> | null = null;
  private status: Status | null = null;
  /** The last diagnosis that finished, and the one running now (at most one at a time). */
  private diagnosis: DiagnosisView | null = null;
  private diagnosing: Promise<void> | null = null;
  private closed = false;
  private prunedAt = 0;

  constructor(
    private readonly core: CoreApi,
    private readonly build: BuildInfo,
  ) {
    this.client = { id: `metrics-${randomUUID()}`, send: (event, payload) => this.receive(event, payload) };
  }

  /** (Re)subscribes and makes the returned table the new baseline; `early` deltas wait for its snapshot. */
  async sync(early: SocketDelta[] = []): Promise<void> {
    this.queued = early;
    let snap;
    try {
      snap = await call(this.core, 'sockets:subscribe', this.client);
    } finally {
      // Whatever happens, stop queueing: a failed subscribe must not keep every later delta waiting.
      const waiting = this.queued ?? [];
      this.queued = null;
      if (snap) {
        this.table.clear();
        for (const s of snap.sockets) this.table.set(s.key, s);
        this.processes.clear();
        for (const p of snap.processes) this.processes.set(p.pid, p);
        this.seq = snap.seq;
        this.tracker = new TransitionTracker();
        this.tracker.apply({ added: snap.sockets, removed: [], changed: [] }, snap.takenAt);
        this.pending = null;
        for (const l of this.listeners) l(this.baseline(snap.takenAt));
        for (const d of waiting) if (d.seq > this.seq) this.onDelta(d);
      }
    }
  }

  onTick(listener: (tick: MetricsTick) => void): () => void {
    this.listeners.add(listener);
    listener(this.baseline(this.status?.lastTakenAt ?? Date.now()));
    return () => this.listeners.delete(listener);
  }

  async view(): Promise<MetricsView> {
    const at = this.status?.lastTakenAt ?? null;
    // The rules cost ~150 ms at 40k sockets, more than a scrape may take: a scrape reads the last diagnosis and, when
    // the table moved on since, starts the next one after answering (stale-while-revalidate: findings are at most
    // one scrape interval old, and say when they were taken). Only the very first scrape waits for one.
    if (!this.diagnosis) await this.diagnose();
    else if (this.diagnosis.takenAt !== at && !this.diagnosing) setImmediate(() => void this.diagnose());
    const diagnosis = this.diagnosis;
    return {
      takenAt: at ?? Date.now(),
      processes: this.processes,
      diagnosis,
      collector: {
        hiddenOwners: this.status?.hiddenOwners ?? 0,
        restarts: this.status?.restarts ?? 0,
        lastTakenAt: at,
      },
      build: this.build,
    };
  }

  private diagnose(): Promise<void> {
    this.diagnosing ??= call(this.core, 'diagnosis:findings', this.client)
      .then((d) => void (this.diagnosis = d))
      .catch(() => undefined)
      .finally(() => (this.diagnosing = null));
    return this.diagnosing;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    void call(this.core, 'sockets:unsubscribe', this.client).catch(() => undefined);
    this.core.disconnect(this.client);
  }

  private receive<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // Core drops a client whose send throws: nothing here may throw into it.
    try {
      if (this.closed) return;
      if (event === 'sockets:delta') this.onDelta(payload as SocketDelta);
      else if (event === 'collector:status') this.onStatus(payload as Status);
    } catch (e) {
      process.stderr.write(`netinspect: metrics: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }

  private onDelta(d: SocketDelta): void {
    if (this.queued) {
      this.queued.push(d);
      return;
    }
    if (d.seq !== this.seq + 1) {
      void this.sync([d]).catch(() => undefined);
      return;
    }
    this.seq = d.seq;
    applyDelta(this.table, d);
    for (const p of d.processes) this.processes.set(p.pid, p);
    if (d.removed.length > 0 && d.takenAt - this.prunedAt > PRUNE_EVERY_MS) this.pruneProcesses(d.takenAt);
    if (this.pending) this.emit(null);
    const sample = this.tracker.apply(d, d.takenAt);
    this.pending = {
      takenAt: d.takenAt,
      baseline: false,
      updated: [...d.added, ...d.changed],
      removed: d.removed,
      transitions: denseToCounts(sample.cells).map((t) => ({ ...t, source: 'observed' as const })),
      closed: closedOf(sample),
    };
  }

  /** Every refresh ends with a status (after its delta, if anything changed): that marks the tick. */
  private onStatus(s: Status): void {
    const fresh = s.lastTakenAt !== null && s.lastTakenAt !== this.status?.lastTakenAt;
    this.status = s;
    if (!fresh) return;
    if (this.pending && this.pending.takenAt !== s.lastTakenAt) this.emit(null);
    this.pending ??= {
      takenAt: s.lastTakenAt ?? Date.now(),
      baseline: false,
      updated: [],
      removed: [],
      transitions: [],
      closed: [],
    };
    this.emit(s.lastDurationMs === null ? null : s.lastDurationMs / 1000);
  }

  private emit(refreshSeconds: number | null): void {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    for (const l of this.listeners) l({ ...p, refreshSeconds });
  }

  /** Processes are only referenced by sockets: forget those whose last socket went, so memory stays bounded. */
  private pruneProcesses(now: number): void {
    this.prunedAt = now;
    const live = new Set<number>();
    for (const s of this.table.values()) if (s.pid !== null) live.add(s.pid);
    for (const pid of this.processes.keys()) if (!live.has(pid)) this.processes.delete(pid);
  }

  private baseline(takenAt: number): MetricsTick {
    return {
      takenAt,
      refreshSeconds: null,
      baseline: true,
      updated: [...this.table.values()],
      removed: [],
      transitions: [],
      closed: [],
    };
  }
}

/** Connections that went this tick, with the last state the poll saw (destroy events will give the real one). */
function closedOf(sample: TickSample): ClosedConnection[] {
  const out: ClosedConnection[] = [];
  for (const e of sample.events) {
    const { from, to } = cellPair(e.cell);
    if (to !== GONE_STATE || from === NEW_STATE || from === 'LISTEN') continue;
    out.push({ key: null, finalState: from, source: 'observed', final: null });
  }
  return out;
}
