// Per-process byte and retransmit counters from tcp_info deltas: monotonic, even as sockets come and go.
import type { ProcessInfo } from '../../../shared/model/socket';
import { OTHER } from './metric-catalog';
import type { MetricsTick } from './metrics-source';
import { processName } from './label-values';

/** What one process moved since the previous tick. */
export interface ProcessDelta {
  sent: number;
  received: number;
  retransmits: number;
}

/** The last counters counted for one socket, and who owned it then. */
interface Last {
  readonly name: string;
  readonly sent: number;
  readonly received: number;
  readonly retransmits: number;
}

export interface ProcessCountersOptions {
  /** Processes with a series of their own; the rest go to "other". */
  readonly topN: number;
  /** Adds a delta to the series `label` (a process name or "other"). */
  readonly add: (label: string, delta: ProcessDelta) => void;
  /** Drops the series `label`: its process was idle and its slot went to another. */
  readonly drop: (label: string) => void;
  /** How long a process must have moved nothing before its slot may be given away (ms). */
  readonly idleMs?: number;
}

/** Ticks carry sockets with their owners' names already; no separate process list is needed. */
const NO_PROCESSES: ReadonlyMap<number, ProcessInfo> = new Map<number, ProcessInfo>();
const ZERO = { sent: 0, received: 0, retransmits: 0 } as const;

/** True when any counter is lower than before: a new connection on a reused key, never a negative delta. */
function shrank(prev: Omit<Last, 'name'>, now: Omit<Last, 'name'>): boolean {
  return now.sent < prev.sent || now.received < prev.received || now.retransmits < prev.retransmits;
}

/**
 * Counts what each socket's tcp_info counters grew by since the previous tick, per process name. A counter never
 * goes down: a key whose counters shrank is a new connection on a reused 4-tuple (its whole value counts); a socket
 * that goes away takes its last counted value with it (the bytes of its last tick are lost unless the tick carries
 * its final tcp_info, as destroy events will). Series are sticky: the first N active processes keep their own
 * series; a process idle for `idleMs` gives its slot up only when another needs it (its series then ends, as a
 * restarted process's would), so sum(by process) stays the host total.
 */
export class ProcessCounters {
  private readonly last = new Map<string, Last>();
  private readonly slots = new Map<string, number>();
  private readonly idleMs: number;

  constructor(private readonly options: ProcessCountersOptions) {
    this.idleMs = options.idleMs ?? 5 * 60_000;
  }

  /** Sockets whose counters are tracked (bounded by the table). */
  get size(): number {
    return this.last.size;
  }

  /** Folds one tick. */
  apply(tick: MetricsTick): void {
    if (tick.baseline) this.last.clear();
    const deltas = new Map<string, ProcessDelta>();
    const credit = (name: string, sent: number, received: number, retransmits: number): void => {
      if (sent <= 0 && received <= 0 && retransmits <= 0) return;
      const d = deltas.get(name);
      if (d) {
        d.sent += sent;
        d.received += received;
        d.retransmits += retransmits;
      } else deltas.set(name, { sent, received, retransmits });
    };
    for (const s of tick.updated) {
      const m = s.metrics;
      // TIME_WAIT and other kernel-held sockets carry no tcp_info: keep what was counted (and who) until they go.
      if (s.proto !== 'tcp' || !m) continue;
      const now: Last = {
        name: processName(s, NO_PROCESSES),
        sent: m.bytesSent ?? 0,
        received: m.bytesReceived ?? 0,
        retransmits: m.retransmits ?? 0,
      };
      const prev = this.last.get(s.key);
      this.last.set(s.key, now);
      if (tick.baseline) continue;
      const base = prev && !shrank(prev, now) ? prev : ZERO;
      credit(now.name, now.sent - base.sent, now.received - base.received, now.retransmits - base.retransmits);
    }
    for (const c of tick.closed) {
      const prev = c.key === null ? undefined : this.last.get(c.key);
      if (!prev || !c.final) continue;
      const end = {
        sent: c.final.bytesSent ?? 0,
        received: c.final.bytesReceived ?? 0,
        retransmits: c.final.retransmits ?? 0,
      };
      if (!shrank(prev, end))
        credit(prev.name, end.sent - prev.sent, end.received - prev.received, end.retransmits - prev.retransmits);
      if (c.key !== null) this.last.delete(c.key);
    }
    for (const key of tick.removed) this.last.delete(key);
    for (const [name, d] of deltas) this.options.add(this.slotFor(name, tick.takenAt), d);
  }

  private slotFor(name: string, now: number): string {
    // A process really named "other" shares the bucket: its own slot could be dropped, and the bucket never is.
    if (name === OTHER) return OTHER;
    if (this.slots.has(name)) {
      this.slots.set(name, now);
      return name;
    }
    if (this.slots.size >= this.options.topN) {
      let idlest: string | null = null;
      let idleSince = now - this.idleMs;
      for (const [n, at] of this.slots) {
        if (at <= idleSince) {
          idlest = n;
          idleSince = at;
        }
      }
      if (idlest === null) return OTHER;
      this.slots.delete(idlest);
      this.options.drop(idlest);
    }
    this.slots.set(name, now);
    return name;
  }
}
