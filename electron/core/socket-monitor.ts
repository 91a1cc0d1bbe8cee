// The live table in core: refreshes through the collector host at the set interval and pushes deltas.
import { applyDelta, diffSockets } from '../../shared/logic/diff';
import { AppError, toErrorData, type AppErrorData } from '../../shared/model/errors';
import type { CollectorStatus, Snapshot, SocketDelta } from '../../shared/model/snapshot';
import type { KernelEventBatch } from '../../shared/model/kernel-events';
import type { ProcessInfo, Socket } from '../../shared/model/socket';
import type { CollectorHost } from './collector/host';
import type { TickStats } from './collector/protocol';

const MAX_ERRORS = 20;

export interface MonitorOptions {
  readonly host: CollectorHost;
  readonly intervalMs: number;
  readonly elevated: boolean;
  readonly onDelta: (d: SocketDelta) => void;
  readonly onStatus: (s: CollectorStatus) => void;
  /** Called after every successful refresh, even an unchanged one, with the delta and the table it produced. */
  readonly onTick?: (tick: MonitorTick) => void;
  /** How long the tick hook waits at most for the front ends that took its table to have sent it (ms). */
  readonly answerWaitMs?: number;
  /** How long, after a front end's first table left, the tick hook leaves it to draw that table (ms; at most the interval). */
  readonly firstDrawMs?: number;
}

/**
 * How long history and alerts wait at most for a first table to leave (see addListener). Run right after the
 * answer was written, their first work at 40,000 sockets (some 200 ms of one task, then keyframe parts) kept the
 * table's 5.5 MB in a WebSocket's queue all that while; with the loop free it left within 5 ms.
 */
export const ANSWER_WAIT_MS = 2000;

/**
 * After a front end's first table left (or at once, where a front end cannot say so: Electron's IPC), history and
 * alerts wait this long more, within ANSWER_WAIT_MS, for the page to parse, decode and draw it: some 0.6 s of its
 * CPU at 40,000 sockets, which a recorder's first keyframe (0.3 s on the event loop, its brotli on the thread pool)
 * competed with on a machine of two cores. The page has no way to say it has drawn; nothing is lost by the wait,
 * since a tick is recorded as of when it was taken. The next refresh follows the hook, so the wait is at most one
 * refresh interval: the front end's first delta comes that much later, never more. A page opened as `serve`
 * starts, 40,000 sockets, alternating (10 runs each): the table shown after a median 1,828 ms, 2,096 without.
 */
export const FIRST_DRAW_MS = 1000;

/** One refresh as the tick hook sees it: the delta, the table, what the kernel reported, and its facts. */
export interface MonitorTick {
  readonly added: readonly Socket[];
  readonly removed: readonly string[];
  readonly changed: readonly Socket[];
  readonly processes: readonly ProcessInfo[];
  readonly takenAt: number;
  readonly table: ReadonlyMap<string, Socket>;
  /** Sockets the kernel freed and transitions it traced since the previous refresh. */
  readonly events: KernelEventBatch;
  readonly stats: TickStats;
}

/** A refresh in flight (see SocketMonitor's inFlight). */
interface Flight {
  done: Promise<void>;
  table: Promise<void>;
  wanted: boolean;
  /** A front end's first table: its tick also leaves it time to draw the table (FIRST_DRAW_MS). */
  firstTable: boolean;
  readonly sent: (() => Promise<void>)[];
}

/** Keeps the current table, refreshes it while anyone listens, and reports collector health. */
export class SocketMonitor {
  private table = new Map<string, Socket>();
  private processes = new Map<number, ProcessInfo>();
  private seq = 0;
  private stats: TickStats | null = null;
  private errors: { at: number; code: AppErrorData['code']; message: string }[] = [];
  private intervalMs: number;
  private paused = false;
  private listeners = 0;
  private timer: NodeJS.Timeout | null = null;
  /**
   * The refresh in flight: `done` once history and alerts took its tick, `table` as soon as its table is in;
   * `wanted` once someone waits for `table` (its tick then goes to history and alerts right after they answered,
   * and once every one of `sent` says their answer left).
   */
  private inFlight: Flight | null = null;
  private stopped = false;
  private background = false;

  constructor(private readonly options: MonitorOptions) {
    this.intervalMs = options.intervalMs;
  }

  /** The table as of the last refresh, refreshing first if there has been none. */
  async snapshot(): Promise<Snapshot> {
    if (!this.stats || (this.listeners === 0 && !this.paused)) await this.refresh();
    return this.current();
  }

  /**
   * Refreshes now (or joins the refresh in flight) and answers the table it produced, as soon as it is in: before
   * history and alerts take the tick, which they do right after (a first keyframe of 40,000 sockets takes longer
   * than the refresh itself). For answers that carry only the table (a front end's first table, `list`).
   */
  async freshSnapshot(): Promise<Snapshot> {
    await this.refreshTable();
    return this.current();
  }

  /**
   * Counts a listener in; the first starts the refresh loop. Before any refresh it waits for the first, as
   * freshSnapshot does (joining the background's, which starts with core); after, it answers the last table, and
   * deltas follow. `sent`, when given, resolves once the front end has sent the table it was given: that
   * refresh's tick waits for it (at most `answerWaitMs`), so history's work does not hold the table back.
   */
  async addListener(sent?: () => Promise<void>): Promise<Snapshot> {
    this.listeners++;
    if (!this.stats) await this.refreshTable(sent, true);
    const snap = this.current();
    this.schedule();
    return snap;
  }

  /**
   * Keeps refreshing with no listener, so history and alerts stay current (core's own need). Unlike a listener it
   * leaves `snapshot()` refreshing on demand, so an answer is never a tick old when nobody subscribes.
   */
  setBackground(on: boolean): void {
    this.background = on;
    // The first refresh starts at once: a window opening now finds its table sooner (a cold snapshot of 40,000
    // sockets takes more than half a second), and history starts with the app, not one interval after it.
    if (on) this.schedule(this.stats ? this.intervalMs : 0);
    else if (this.listeners === 0) this.clearTimer();
  }

  /** Counts a listener out; the loop stops with the last. */
  removeListener(): void {
    this.listeners = Math.max(0, this.listeners - 1);
    if (this.listeners === 0 && !this.background) this.clearTimer();
  }

  setInterval(ms: number): void {
    this.intervalMs = ms;
    this.clearTimer();
    this.schedule();
    this.emitStatus();
  }

  setPaused(paused: boolean): CollectorStatus {
    this.paused = paused;
    this.clearTimer();
    this.schedule();
    this.emitStatus();
    return this.status();
  }

  /** Records a collector event (crash, restart) so the status shows it. */
  noteError(code: AppErrorData['code'], message: string): void {
    this.errors.push({ at: Date.now(), code, message });
    if (this.errors.length > MAX_ERRORS) this.errors.splice(0, this.errors.length - MAX_ERRORS);
    this.emitStatus();
  }

  status(): CollectorStatus {
    const s = this.stats;
    return {
      platform: process.platform,
      running: this.options.host.running,
      paused: this.paused,
      intervalMs: this.intervalMs,
      source: s?.source ?? null,
      fallbackReason: s?.fallbackReason ?? null,
      lastDurationMs: s ? Math.round(s.durationMs * 10) / 10 : null,
      lastTakenAt: s?.takenAt ?? null,
      socketCount: this.table.size,
      ownerVisibility: s?.ownerVisibility ?? 'all',
      hiddenOwners: s?.hiddenOwners ?? 0,
      elevated: this.options.elevated,
      restarts: this.options.host.restarts,
      errors: [...this.errors],
      kernelSources: s?.kernelSources ?? [],
      transitions: s?.kernelSources.some((k) => k.source === 'stateTrace' && k.on) ? 'trace' : 'observed',
      closes: s?.kernelSources.some((k) => k.source === 'closedSockets' && k.on) ? 'kernel' : 'observed',
    };
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** Waits for a first refresh if there has been none (views built from the last refresh need one). */
  async ready(): Promise<void> {
    if (!this.stats) await this.refresh();
  }

  /** The table as of the last refresh, by key (read-only; no copy). */
  tableView(): ReadonlyMap<string, Socket> {
    return this.table;
  }

  /** The processes of the last refresh's sockets, by pid (read-only; no copy). */
  processMap(): ReadonlyMap<number, ProcessInfo> {
    return this.processes;
  }

  /** Refreshes now when a front end receives deltas (after a kill or close, so it sees the change at once). */
  async refreshIfWatched(): Promise<void> {
    if (this.listeners > 0) await this.refresh();
  }

  /** One refresh, done once history and alerts took its tick; concurrent callers share it. */
  refresh(): Promise<void> {
    return this.startRefresh().done;
  }

  /** The refresh in flight (or a new one), settled as soon as its table is in (or it failed). */
  private refreshTable(sent?: () => Promise<void>, firstTable = false): Promise<void> {
    const flight = this.startRefresh();
    flight.wanted = true;
    if (firstTable) flight.firstTable = true;
    if (sent) flight.sent.push(sent);
    return flight.table;
  }

  private startRefresh(): Flight {
    if (this.inFlight) return this.inFlight;
    let resolveTable = (): void => undefined;
    const table = new Promise<void>((resolve) => (resolveTable = resolve));
    const flight: Flight = {
      done: Promise.resolve(),
      table: Promise.resolve(),
      wanted: false,
      firstTable: false,
      sent: [],
    };
    const tableIn = (): Promise<void> | null => {
      resolveTable();
      return flight.wanted ? this.afterAnswers(flight.sent, flight.firstTable) : null;
    };
    flight.done = this.doRefresh(tableIn).finally(() => (this.inFlight = null));
    flight.table = Promise.race([table, flight.done]);
    this.inFlight = flight;
    return flight;
  }

  /**
   * Once those who waited for a table answered with it (their continuations run before the next turn) and said
   * it left (`sent`), and for a front end's first table FIRST_DRAW_MS more: all within answerWaitMs.
   */
  private async afterAnswers(sent: readonly (() => Promise<void>)[], firstTable: boolean): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (sent.length === 0 && !firstTable) return;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>(
      (resolve) => (timer = setTimeout(resolve, this.options.answerWaitMs ?? ANSWER_WAIT_MS)),
    );
    const drawn = async (): Promise<void> => {
      await Promise.all(sent.map((f) => f().catch(() => undefined)));
      if (!firstTable) return;
      const ms = Math.min(this.options.firstDrawMs ?? FIRST_DRAW_MS, this.intervalMs);
      await new Promise((resolve) => setTimeout(resolve, ms).unref());
    };
    await Promise.race([drawn(), limit]);
    clearTimeout(timer);
  }

  /** `tableIn` says the table is in; what it answers, when someone waits for it, settles once they answered. */
  private async doRefresh(tableIn: () => Promise<void> | null): Promise<void> {
    try {
      const host = this.options.host;
      // A new collector process, or a monitor that never synced, needs the whole table rather than a delta.
      const r = await host.request(host.needsFull || !this.stats ? 'full' : 'tick');
      let delta: Omit<SocketDelta, 'seq'>;
      if (r.kind === 'full') {
        // A (re)started collector sends its whole table: diff it against ours so firstSeen survives a restart. The
        // first one is taken as it is (a diff against nothing would only copy every socket and key it again).
        const d =
          this.table.size === 0
            ? { table: new Map(r.sockets.map((s) => [s.key, s])), added: r.sockets, removed: [], changed: [] }
            : diffSockets(this.table, r.sockets, r.stats.takenAt);
        this.table = d.table;
        this.processes = new Map(r.processes.map((p) => [p.pid, p]));
        delta = {
          takenAt: r.stats.takenAt,
          added: d.added,
          removed: d.removed,
          changed: d.changed,
          processes: r.processes,
        };
      } else {
        applyDelta(this.table, r);
        for (const p of r.processes) this.processes.set(p.pid, p);
        delta = {
          takenAt: r.stats.takenAt,
          added: r.added,
          removed: r.removed,
          changed: r.changed,
          processes: r.processes,
        };
      }
      this.stats = r.stats;
      // Processes are only referenced by sockets: forget those whose last socket went, so memory stays bounded.
      if (delta.removed.length > 0) this.pruneProcesses();
      // The delta goes out before anything else can fail: the table has moved on, and so must seq.
      if (delta.added.length || delta.removed.length || delta.changed.length || delta.processes.length) {
        this.seq++;
        this.options.onDelta({ seq: this.seq, ...delta });
      }
      // Those waiting for the table answer with it first; ticks nobody waits for go on to history and alerts at
      // once, as they always did.
      const answered = tableIn();
      if (answered) await answered;
      this.runTickHook({ ...delta, table: this.table, events: r.events, stats: r.stats });
    } catch (e) {
      const err = toErrorData(e);
      this.noteError(err.code === 'INTERNAL' ? 'COLLECTOR_FAILED' : err.code, err.message);
      if (!this.stats) throw e instanceof AppError ? e : new AppError('COLLECTOR_FAILED', err.message);
    }
    this.emitStatus();
  }

  /** History and alerts (onTick) failing is their own error, never the collector's, and never stops the loop. */
  private runTickHook(tick: Parameters<NonNullable<MonitorOptions['onTick']>>[0]): void {
    try {
      this.options.onTick?.(tick);
    } catch (e) {
      this.noteError('INTERNAL', `History or alerts failed on this refresh: ${toErrorData(e).message}`);
    }
  }

  private current(): Snapshot {
    this.pruneProcesses();
    return {
      seq: this.seq,
      takenAt: this.stats?.takenAt ?? Date.now(),
      sockets: [...this.table.values()],
      processes: [...this.processes.values()],
      source: this.stats?.source ?? null,
      ownerVisibility: this.stats?.ownerVisibility ?? 'all',
      hiddenOwners: this.stats?.hiddenOwners ?? 0,
    };
  }

  private pruneProcesses(): void {
    const live = new Set<number>();
    for (const s of this.table.values()) {
      if (s.pid !== null) live.add(s.pid);
      // Every holder of a shared socket (a master's workers too) stays known, not only its first owner.
      for (const o of s.owners) live.add(o.pid);
    }
    for (const pid of this.processes.keys()) if (!live.has(pid)) this.processes.delete(pid);
  }

  private schedule(delayMs: number = this.intervalMs): void {
    if (this.timer || this.paused || this.stopped || (this.listeners === 0 && !this.background)) return;
    this.timer = setTimeout(async () => {
      this.timer = null;
      await this.refresh().catch(() => undefined);
      this.schedule();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private emitStatus(): void {
    this.options.onStatus(this.status());
  }
}
