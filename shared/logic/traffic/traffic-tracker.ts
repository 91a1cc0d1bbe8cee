// Bytes per process and per destination, from each refresh's tcp_info counters plus the final counters of closed
// connections, so a connection that opened and closed between two refreshes still counts, exactly.
import type { Socket } from '../../model/socket';

/** A closed connection's final counters, as the kernel's destroy event (or the last refresh) gave them. */
export interface ClosedBytes {
  /** The socket's key in the table (socketKey of its tuple). */
  readonly key: string;
  readonly pid: number | null;
  readonly remoteAddress: string;
  /** Payload bytes over the connection's whole life, or null when unknown. */
  readonly bytesSent: number | null;
  readonly bytesReceived: number | null;
}

/** Who bytes are credited to: a pid, or the row of sockets whose owner is hidden or unknown. */
export type TrafficOwner = number | 'unknown';

/** Bytes credited over one refresh, or in total. */
export interface Bytes {
  sent: number;
  received: number;
}

interface Counted {
  owner: TrafficOwner;
  remote: string;
  sent: number;
  received: number;
  /** The kernel's final counters have been credited: later versions (TIME_WAIT) add nothing. */
  final: boolean;
}

/** One refresh's credits, for whoever keeps history of them. */
export interface TrafficTick {
  readonly takenAt: number;
  /** ms since the previous refresh; 0 on the first. */
  readonly intervalMs: number;
  readonly byOwner: ReadonlyMap<TrafficOwner, Bytes>;
}

function add(m: Map<string | TrafficOwner, Bytes>, k: string | TrafficOwner, sent: number, received: number): void {
  const b = m.get(k);
  if (b) {
    b.sent += sent;
    b.received += received;
  } else m.set(k, { sent, received });
}

/**
 * Keeps, per live socket, the counters already credited and credits every increase to the socket's owner and
 * remote address. The first refresh only sets the baseline (what moved before netinspect looked is not counted);
 * a socket that appears later is a new connection, so all its bytes count; a closed one adds its final counters.
 */
export class TrafficTracker {
  private readonly counted = new Map<string, Counted>();
  private readonly totals = new Map<TrafficOwner, Bytes>();
  private readonly toRemote = new Map<string, Bytes>();
  private primed = false;
  private lastAt = 0;

  /** Folds one refresh: the delta, and the connections the kernel freed since the previous one. */
  apply(
    changes: {
      readonly added: readonly Socket[];
      readonly removed: readonly string[];
      readonly changed: readonly Socket[];
    },
    takenAt: number,
    closed: readonly ClosedBytes[] = [],
  ): TrafficTick {
    const tick = new Map<TrafficOwner, Bytes>();
    const credit = (owner: TrafficOwner, remote: string, sent: number, received: number): void => {
      if (sent <= 0 && received <= 0) return;
      add(tick, owner, sent, received);
      add(this.totals, owner, sent, received);
      add(this.toRemote, remote, sent, received);
    };
    for (const c of closed) {
      const known = this.counted.get(c.key);
      const sent = c.bytesSent ?? 0;
      const received = c.bytesReceived ?? 0;
      if (known && !known.final) {
        credit(known.owner, known.remote, Math.max(0, sent - known.sent), Math.max(0, received - known.received));
        known.final = true;
      } else if (!known) {
        // Opened and closed between two refreshes: the table never saw it, its final counters are all there is.
        credit(c.pid ?? 'unknown', c.remoteAddress, sent, received);
      }
    }
    for (const key of changes.removed) this.counted.delete(key);
    for (const s of changes.added) this.track(s, this.primed, credit);
    for (const s of changes.changed) this.track(s, false, credit);
    const intervalMs = this.primed ? takenAt - this.lastAt : 0;
    this.primed = true;
    this.lastAt = takenAt;
    return { takenAt, intervalMs, byOwner: tick };
  }

  /** Bytes credited to `owner` since netinspect saw it. */
  total(owner: TrafficOwner): Bytes {
    return this.totals.get(owner) ?? { sent: 0, received: 0 };
  }

  /** Bytes exchanged with each remote address since netinspect looked. */
  remotes(): ReadonlyMap<string, Bytes> {
    return this.toRemote;
  }

  /** Forgets an owner's totals (a process gone long enough ago). */
  forget(owner: TrafficOwner): void {
    this.totals.delete(owner);
  }

  /** Drops the totals of remote addresses beyond the `keep` busiest, so memory stays bounded. */
  trimRemotes(keep: number): void {
    if (this.toRemote.size <= keep) return;
    const order = [...this.toRemote].sort((a, b) => b[1].sent + b[1].received - (a[1].sent + a[1].received));
    for (const [address] of order.slice(keep)) this.toRemote.delete(address);
  }

  private track(
    s: Socket,
    creditAll: boolean,
    credit: (owner: TrafficOwner, remote: string, sent: number, received: number) => void,
  ): void {
    const m = s.metrics;
    if (s.proto !== 'tcp' || !m || m.bytesSent === null || m.bytesReceived === null) return;
    const owner: TrafficOwner = s.pid ?? 'unknown';
    const known = this.counted.get(s.key);
    if (!known) {
      // A new connection counts from zero; one that existed before netinspect looked counts from now.
      if (creditAll) credit(owner, s.remoteAddress, m.bytesSent, m.bytesReceived);
      this.counted.set(s.key, {
        owner,
        remote: s.remoteAddress,
        sent: m.bytesSent,
        received: m.bytesReceived,
        final: false,
      });
      return;
    }
    if (known.final) return;
    credit(owner, known.remote, Math.max(0, m.bytesSent - known.sent), Math.max(0, m.bytesReceived - known.received));
    known.owner = owner;
    known.sent = m.bytesSent;
    known.received = m.bytesReceived;
  }
}
