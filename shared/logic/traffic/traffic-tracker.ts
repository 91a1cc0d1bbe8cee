// Bytes per process and per destination, from each refresh's tcp_info counters plus the final counters of closed
// connections, so a connection that opened and closed between two refreshes still counts, exactly.
import type { Socket } from '../../model/socket';

/** A closed connection's final counters, as the kernel's destroy event (or the last refresh) gave them. */
export interface ClosedBytes {
  /** The socket's key in the table (socketKey of its tuple). */
  readonly key: string;
  /** The kernel's socket cookie, or null: tells the closed connection from a newer one on the same tuple. */
  readonly cookie: string | null;
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
  cookie: string | null;
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

/**
 * Refreshes for which a socket that left the table is remembered (by cookie) for its destroy event: the kernel's
 * reader thread may hand the event over a refresh later than the dump that no longer showed the socket.
 */
const RETIRED_TICKS = 5;
/** Most retired sockets remembered (a burst of closes beyond it falls back to counting final bytes whole). */
const MAX_RETIRED = 100_000;

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
  /** Sockets gone from the table in the last RETIRED_TICKS refreshes, by cookie, oldest first. */
  private readonly retired = new Map<string, { readonly c: Counted; readonly tick: number }>();
  private tickNo = 0;
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
    this.tickNo++;
    for (const c of closed) {
      const known = this.closedMatch(c);
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
    for (const key of changes.removed) this.retire(key);
    for (const s of changes.added) this.track(s, this.primed, credit);
    for (const s of changes.changed) this.track(s, false, credit);
    this.expireRetired();
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

  /**
   * The counted socket a closed connection was: the live one on its tuple when the cookies agree (or either has
   * none), else one that left the table shortly before (same cookie). A newer connection on a reused tuple is
   * never it.
   */
  private closedMatch(c: ClosedBytes): Counted | undefined {
    const live = this.counted.get(c.key);
    if (live && (live.cookie === null || c.cookie === null || live.cookie === c.cookie)) return live;
    if (c.cookie === null) return undefined;
    const gone = this.retired.get(c.cookie);
    if (gone) this.retired.delete(c.cookie);
    return gone?.c;
  }

  private retire(key: string): void {
    const c = this.counted.get(key);
    if (!c) return;
    this.counted.delete(key);
    if (c.cookie === null || c.final) return;
    this.retired.set(c.cookie, { c, tick: this.tickNo });
    if (this.retired.size > MAX_RETIRED) this.retired.delete(this.retired.keys().next().value as string);
  }

  private expireRetired(): void {
    for (const [cookie, r] of this.retired) {
      if (this.tickNo - r.tick < RETIRED_TICKS) break;
      this.retired.delete(cookie);
    }
  }

  private track(
    s: Socket,
    creditAll: boolean,
    credit: (owner: TrafficOwner, remote: string, sent: number, received: number) => void,
  ): void {
    const m = s.metrics;
    if (s.proto !== 'tcp' || !m || m.bytesSent === null || m.bytesReceived === null) return;
    const known = this.counted.get(s.key);
    // A socket whose process exited (an orphan still sending its last bytes) stays its last owner's.
    const owner: TrafficOwner = s.pid ?? known?.owner ?? 'unknown';
    if (!known) {
      // A new connection counts from zero; one that existed before netinspect looked counts from now.
      if (creditAll) credit(owner, s.remoteAddress, m.bytesSent, m.bytesReceived);
      this.counted.set(s.key, {
        owner,
        remote: s.remoteAddress,
        cookie: s.cookie,
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
