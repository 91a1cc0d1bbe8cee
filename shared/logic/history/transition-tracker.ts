// Turns each tick's delta into per-state counts, opened/closed connections and the state transitions observed.
import { GONE_STATE, NEW_STATE } from '../../model/history';
import type { TracedTransition } from '../../model/kernel-events';
import type { Socket } from '../../model/socket';
import { formatEndpoint } from '../endpoint';
import { CELL_COUNT, SERIES_COUNT, cellOf, seriesOf } from './series-index';

/** One observed transition of one socket, with who held it and where it pointed. */
export interface TransitionEvent {
  /** Transition cell (see cellOf). */
  readonly cell: number;
  readonly pid: number | null;
  readonly process: string | null;
  /** `address:port` of the remote end; `*` for listeners. */
  readonly remote: string;
}

/** What one tick adds to the history. Counts are as of the tick; the rest happened since the previous tick. */
export interface TickSample {
  /** When the snapshot was taken (ms since epoch). */
  readonly takenAt: number;
  /** Socket count per series (SERIES_IDS order). */
  readonly counts: Int32Array;
  /** TCP connections (not listeners) first seen this tick. */
  readonly opened: number;
  /** TCP connections (not listeners) gone this tick. */
  readonly closed: number;
  /** Transitions per cell (CELL_COUNT long). */
  readonly cells: Uint32Array;
  readonly events: readonly TransitionEvent[];
}

/** The parts of a delta the tracker reads. */
export interface TickChanges {
  readonly added: readonly Socket[];
  readonly removed: readonly string[];
  readonly changed: readonly Socket[];
}

/**
 * What the kernel reported since the previous tick: every TCP state change (the tracepoint, when it is on) and how
 * many connections it freed (destroy events). Closes are then exact, and so are transitions when traced.
 */
export interface TracedTick {
  /** Every TCP state change since the previous tick, or null when the trace is off (transitions are observed). */
  readonly transitions: readonly TracedTransition[] | null;
  /** TCP connections (not listeners) the kernel freed since the previous tick. */
  readonly closed: number;
}

/** States from which the kernel hands a closing connection to a timewait socket (traced as X -> CLOSE). */
const TO_TIME_WAIT: ReadonlySet<string> = new Set(['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING']);

/** States after which a socket can only disappear: any other next state means its 4-tuple was reused. */
const FINAL_STATES: ReadonlySet<string> = new Set(['TIME_WAIT', 'CLOSED']);

/**
 * Keeps the last state of every live socket (references, not copies) and folds each delta into a TickSample.
 * Observed at tick resolution: a connection that opens and closes between two ticks is never seen, and one that
 * passes through FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT between ticks shows as a single ESTABLISHED -> TIME_WAIT.
 */
export class TransitionTracker {
  private readonly live = new Map<string, Socket>();
  private readonly counts = new Int32Array(SERIES_COUNT);
  private primed = false;

  /** Live sockets tracked (memory grows with the table, not with time). */
  get size(): number {
    return this.live.size;
  }

  /**
   * Folds one tick. The first tick only sets the baseline: sockets that existed before netinspect looked are not
   * counted as opened, nor as NEW -> state transitions. With `traced`, closed connections come from the kernel
   * (every one, counted when the kernel freed it, so a timewait socket's later expiry is no second close), and so
   * do TCP transitions and openings when the trace is on; the table then only keeps the per-state counts and what no
   * tracepoint reports: a timewait socket's expiry (TIME_WAIT -> GONE).
   */
  apply(changes: TickChanges, takenAt: number, traced?: TracedTick): TickSample {
    const trace = traced?.transitions ?? null;
    const cells = new Uint32Array(CELL_COUNT);
    const events: TransitionEvent[] = [];
    let opened = 0;
    let closed = 0;
    const record = (from: string, to: string, s: Socket, owner: Socket): void => {
      const cell = cellOf(from, to);
      if (cell < 0 || !this.primed) return;
      cells[cell] = (cells[cell] ?? 0) + 1;
      events.push({ cell, pid: owner.pid, process: owner.process, remote: remoteOf(s) });
    };
    const open = (s: Socket): void => {
      this.count(s, 1);
      if (s.proto !== 'tcp' || trace) return;
      if (s.state !== 'LISTEN' && this.primed) opened++;
      record(NEW_STATE, s.state, s, s);
    };
    const close = (s: Socket): void => {
      this.count(s, -1);
      if (s.proto !== 'tcp') return;
      // Traced, the kernel reports every close but a timewait socket's expiry, which only the table shows.
      if (trace && s.state !== 'TIME_WAIT') return;
      if (s.state !== 'LISTEN' && this.primed && !traced) closed++;
      record(s.state, GONE_STATE, s, s);
    };
    for (const key of changes.removed) {
      const old = this.live.get(key);
      if (!old) continue;
      this.live.delete(key);
      close(old);
    }
    for (const s of changes.added) {
      const old = this.live.get(s.key);
      if (old) close(old);
      this.live.set(s.key, s);
      open(s);
    }
    for (const s of changes.changed) {
      const old = this.live.get(s.key);
      this.live.set(s.key, s);
      if (!old) {
        open(s);
      } else if (old.state === s.state) {
        continue;
      } else if (s.proto === 'tcp' && FINAL_STATES.has(old.state) && !FINAL_STATES.has(s.state)) {
        // Same 4-tuple, new connection (tcp_tw_reuse, or a port reused between ticks): a close and an open.
        close(old);
        open(s);
      } else {
        this.count(old, -1);
        this.count(s, 1);
        // The kernel drops the owner when a socket enters TIME_WAIT: credit the process that held it.
        if (s.proto === 'tcp' && !trace) record(old.state, s.state, s, s.pid === null ? old : s);
      }
    }
    if (traced && this.primed) closed = traced.closed;
    if (trace && this.primed) {
      for (const t of trace) {
        const step = this.tracedStep(t);
        if (!step) continue;
        if (step.from === NEW_STATE && step.to !== 'LISTEN') opened++;
        const cell = cellOf(step.from, step.to);
        if (cell < 0) continue;
        cells[cell] = (cells[cell] ?? 0) + 1;
        events.push({ cell, pid: t.pid, process: t.comm, remote: step.remote });
      }
    }
    this.primed = true;
    return { takenAt, counts: Int32Array.from(this.counts), opened, closed, cells, events };
  }

  /**
   * A traced step in history's terms: CLOSE -> X is NEW -> X, and an accepted socket's first step (a clone of the
   * listener) LISTEN -> SYN_RECEIVED is NEW -> SYN_RECEIVED; X -> CLOSE is X -> GONE, or X -> TIME_WAIT when the
   * connection lives on as a timewait socket (which has no tracepoint of its own, but is in the table now).
   */
  private tracedStep(t: TracedTransition): { from: string; to: string; remote: string } | null {
    const listener = t.remotePort === 0;
    const remote = listener ? '*' : formatEndpoint(t.remoteAddress, t.remotePort);
    const from = t.from === 'CLOSED' || (t.from === 'LISTEN' && t.to === 'SYN_RECEIVED') ? NEW_STATE : t.from;
    if (t.to !== 'CLOSED') return { from, to: t.to, remote };
    const key = `tcp${t.family} ${t.localAddress}:${t.localPort} ${t.remoteAddress}:${t.remotePort}`;
    const toTimeWait = TO_TIME_WAIT.has(t.from) && this.live.get(key)?.state === 'TIME_WAIT';
    return { from, to: toTimeWait ? 'TIME_WAIT' : GONE_STATE, remote };
  }

  private count(s: Socket, by: number): void {
    const i = seriesOf(s.proto, s.family, s.state);
    if (i >= 0) this.counts[i] = (this.counts[i] ?? 0) + by;
  }
}

function remoteOf(s: Socket): string {
  return s.state === 'LISTEN' || s.remotePort === 0 ? '*' : formatEndpoint(s.remoteAddress, s.remotePort);
}
