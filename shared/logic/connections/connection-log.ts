// The Connections log: every closed connection, from the kernel's destroy events (or, where there are none, from
// sockets a refresh found gone), with what the table and the trace knew of it: owner, opening time, final state.
import type { ClosedConnection } from '../../model/connections';
import type { ClosedSocketEvent, FailedConnect, KernelEventBatch, TracedTransition } from '../../model/kernel-events';
import type { FactSource, Socket, SocketState } from '../../model/socket';
import { ENDPOINT_FIELDS, pickFields } from '../socket-fields';

/** Connections kept in the log (newest); older ones are counted in `total` only. */
export const CONNECTION_LOG_SIZE = 10_000;
/** Seconds of closed-per-second counts kept. */
export const CLOSED_RATE_SECONDS = 300;
/**
 * How long a socket gone from the table is kept for its destroy event (ms). The kernel's source may hand an event
 * out a refresh or more after the refresh that found the socket gone (it holds events up to 500 ms for their peer's,
 * longer under load); matched by cookie, the event still gets the owner, opening and state a refresh saw.
 */
export const GONE_KEEP_MS = 5_000;
/** Traced opening times kept for connections still open (oldest dropped first). */
const MAX_OPENINGS = 100_000;
/** Process names kept from the trace (the least recently seen dropped first). */
const MAX_NAMES = 4096;

/** One refresh, as the log reads it. */
export interface ConnectionTick {
  readonly added: readonly Socket[];
  readonly changed: readonly Socket[];
  readonly removed: readonly string[];
  readonly takenAt: number;
  readonly events: KernelEventBatch;
}

/** Closed connections in one second. */
export interface ClosedPerSecond {
  /** Start of the second (ms since epoch). */
  readonly at: number;
  readonly count: number;
}

/** The table's key of a connected TCP socket (see socketKey): protocol, family, both endpoints. */
function tcpKey(t: {
  readonly family: 4 | 6;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
}): string {
  return `tcp${t.family} ${t.localAddress}:${t.localPort} ${t.remoteAddress}:${t.remotePort}`;
}

/** States a TCP socket passes through once the peer's FIN or our own close started the end. */
const CLOSING_STATES: ReadonlySet<SocketState> = new Set(['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING']);

/**
 * Whether a closed socket lives on as the timewait socket `shown` in its FIN_WAIT_2 substate: an orphaned socket
 * whose FIN was acknowledged is handed over so (the peer's FIN then reaches the timewait socket), always from
 * FIN_WAIT_2, the state the trace sees it leave. A timewait socket has no inode; a full socket in FIN_WAIT_2 under
 * another cookie is another connection's. `traced`: the state the trace saw it close from; `polled`: the state the
 * table last showed it in, some time before.
 */
function inFinWait2TimeWait(
  shown: Socket | undefined,
  traced: SocketState | null,
  polled: SocketState | null,
): boolean {
  if (shown?.state !== 'FIN_WAIT_2' || (shown.inode !== null && shown.inode !== 0)) return false;
  if (traced !== null) return traced === 'FIN_WAIT_2';
  return polled === null || polled === 'ESTABLISHED' || CLOSING_STATES.has(polled);
}

/**
 * The state a closed connection ended in, and where that comes from: the timewait socket the table shows on its
 * tuple (`shown`) when it lives on as one, else the state the trace saw it close from (`traced`), else the state a
 * refresh last saw it in (`polled`), else CLOSED, the state the kernel freed it in.
 */
function finalStateOf(
  shown: Socket | undefined,
  traced: SocketState | null,
  polled: SocketState | null,
): { state: SocketState; source: FactSource } {
  const last = traced ?? polled;
  // `polled` is TIME_WAIT when a refresh already showed the timewait socket under the freed socket's cookie (the
  // kernel copies it over when the socket had one).
  if (
    shown?.state === 'TIME_WAIT' &&
    (last === null || last === 'TIME_WAIT' || CLOSING_STATES.has(last) || last === 'ESTABLISHED')
  )
    return { state: 'TIME_WAIT', source: 'kernel' };
  if (inFinWait2TimeWait(shown, traced, polled))
    return { state: 'FIN_WAIT_2', source: traced === null ? 'kernel' : 'trace' };
  if (traced !== null) return { state: traced, source: 'trace' };
  if (polled !== null) return { state: polled, source: 'observed' };
  return { state: 'CLOSED', source: 'kernel' };
}

/**
 * Folds refreshes into closed connections. A destroy event is matched to the socket the table last showed for its
 * tuple (same cookie), which gives its owner, when it was first seen and its last polled state; the trace, when
 * on, gives the exact opening time and the state it closed from. With `fromKernel` false (no destroy events), a
 * socket gone from the table is a close at that refresh: observed, its counters as last seen.
 *
 * Failed connects: the kernel clears a failed connect's destination before it frees the socket, so its destroy
 * event names no peer. Traced, every one comes from the trace instead (destination and caller); untraced, one the
 * table saw in SYN_SENT (a connect that timed out) is found again by its cookie.
 */
export class ConnectionLog {
  private readonly live = new Map<string, Socket>();
  private readonly entries: ClosedConnection[] = [];
  private readonly perSecond = new Map<number, number>();
  private readonly openedBySk = new Map<string, number>();
  private readonly openedByKey = new Map<string, number>();
  /** Keys of live sockets by cookie: a destroy event whose tuple the kernel cleared is still found by it. */
  private readonly liveByCookie = new Map<string, string>();
  /** Sockets the table no longer shows, by cookie, with when they went: for destroy events that come later. */
  private readonly goneByCookie = new Map<string, { readonly socket: Socket; readonly at: number }>();
  /** Traced opening times of connects that failed in this refresh, by kernel address. */
  private readonly failedOpenings = new Map<string, number>();
  /** The command name the trace last saw for each pid: names the owner of a connection no refresh saw. */
  private readonly commByPid = new Map<number, string>();
  private nextId = 1;
  private closedTotal = 0;

  constructor(private readonly capacity = CONNECTION_LOG_SIZE) {}

  /** Connections closed since the log started (all counted; the log keeps the newest `capacity`). */
  get total(): number {
    return this.closedTotal;
  }

  /**
   * Folds one refresh; answers the connections that closed in it, oldest first. `traced` says the state trace is on,
   * so its failed connects are logged (and destroy events of failed connects are not, to count each once).
   */
  apply(tick: ConnectionTick, fromKernel: boolean, traced = false): ClosedConnection[] {
    this.noteOpenings(tick.events.transitions);
    const fresh = new Map<string, Socket>();
    for (const s of tick.added) fresh.set(s.key, s);
    for (const s of tick.changed) fresh.set(s.key, s);
    const out: ClosedConnection[] = [];
    if (fromKernel) {
      for (const e of tick.events.closed) {
        const entry = this.fromEvent(e, fresh);
        if (entry && !(traced && entry.failedConnect)) out.push(entry);
      }
    }
    if (traced) for (const f of tick.events.failedConnects) out.push(this.fromFailedConnect(f));
    this.failedOpenings.clear();
    for (const key of tick.removed) {
      const last = this.live.get(key);
      this.forget(key);
      if (fromKernel && last?.cookie) {
        this.goneByCookie.delete(last.cookie); // kept in the order they went, for the pruning below
        this.goneByCookie.set(last.cookie, { socket: last, at: tick.takenAt });
      }
      if (!fromKernel && last) {
        const entry = this.fromRemoved(last, tick.takenAt);
        if (entry && !(traced && entry.failedConnect)) out.push(entry);
      }
    }
    for (const s of fresh.values()) this.remember(s);
    // Oldest first (in the order they went): stop at the first one still kept.
    for (const [cookie, g] of this.goneByCookie) {
      if (g.at >= tick.takenAt - GONE_KEEP_MS) break;
      this.goneByCookie.delete(cookie);
    }
    out.sort((a, b) => a.closedAt - b.closedAt);
    for (const entry of out) this.keep(entry);
    return out;
  }

  /** The newest entries with an id above `afterId`, newest first, at most `limit`. */
  list(afterId = -1, limit = 1000): ClosedConnection[] {
    const out: ClosedConnection[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.entries[i];
      if (e.id <= afterId) break;
      out.push(e);
    }
    return out;
  }

  /** Closed connections per second over the last CLOSED_RATE_SECONDS (seconds with none included as 0). */
  rate(now: number): ClosedPerSecond[] {
    const end = Math.floor(now / 1000) * 1000;
    const out: ClosedPerSecond[] = [];
    for (let at = end - (CLOSED_RATE_SECONDS - 1) * 1000; at <= end; at += 1000) {
      out.push({ at, count: this.perSecond.get(at) ?? 0 });
    }
    return out;
  }

  /** Connections that failed to connect (SYN_SENT -> CLOSE) closed at or after `since` (ms since epoch). */
  failedSince(since: number): ClosedConnection[] {
    const out: ClosedConnection[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.closedAt < since) break;
      if (e.failedConnect) out.push(e);
    }
    return out;
  }

  private fromEvent(event: ClosedSocketEvent, fresh: ReadonlyMap<string, Socket>): ClosedConnection | null {
    const e = event.remotePort === 0 ? this.withPolledTuple(event) : event;
    // A listener or a socket that never connected is not a connection.
    if (e === null || e.remotePort === 0) return null;
    const key = e.proto === 'tcp' ? tcpKey(e) : null;
    const seen = key === null ? undefined : this.live.get(key);
    const same = seen && seen.cookie === e.cookie ? seen : this.gone(e, key);
    const now = key === null ? undefined : fresh.get(key);
    // The table shows the tuple in TIME_WAIT (this refresh, or an earlier one when the event was held back a while
    // for its trace): the connection lives on as a timewait socket. Its cookie need not be the freed socket's: the
    // kernel makes cookies on first request from per-CPU batches, so one that no dump asked for gets a new one at
    // its destroy event, and the timewait socket another at its first dump. A tuple has one socket at a time, so a
    // timewait socket on it after a close from a closing state is that connection's.
    const shown = now ?? seen;
    const last = same ?? (now && now.cookie === e.cookie ? now : undefined);
    const traced = key === null ? undefined : this.openedByKey.get(key);
    if (key !== null) this.openedByKey.delete(key);
    const lastState = e.lastState ?? last?.state ?? null;
    const final = finalStateOf(shown, e.lastState, last?.state ?? null);
    // A row first seen after the close is the timewait socket (the kernel copies the cookie to it): no refresh saw
    // the connection open.
    const openedAt = traced ?? (last !== undefined && last.firstSeen <= e.closedAt ? last.firstSeen : null);
    const tcp = e.tcp;
    return {
      id: 0,
      ...pickFields(e, ENDPOINT_FIELDS),
      finalState: final.state,
      finalStateSource: final.source,
      cookie: e.cookie,
      openedAt,
      openedAtSource: traced !== undefined ? 'trace' : 'observed',
      durationMs: openedAt === null ? null : Math.max(0, e.closedAt - openedAt),
      closedAt: e.closedAt,
      closedAtSource: 'kernel',
      bytesSent: tcp?.bytesSent ?? null,
      bytesReceived: tcp?.bytesReceived ?? null,
      rttMs: tcp?.rttMs ?? last?.metrics?.rttMs ?? null,
      retransmits: tcp?.retransmits ?? null,
      pid: last?.pid ?? e.tracedPid,
      process: last?.pid != null ? last.process : this.commOf(e.tracedPid),
      failedConnect: lastState === 'SYN_SENT',
    };
  }

  private fromRemoved(s: Socket, takenAt: number): ClosedConnection | null {
    // Listeners, unconnected sockets and expiring timewait sockets (already logged when they entered it) are not
    // new closes; a connection that reached TIME_WAIT was logged by the change below, not here.
    if (s.remotePort === 0 || s.state === 'LISTEN' || s.state === 'TIME_WAIT') return null;
    const m = s.metrics;
    return {
      id: 0,
      ...pickFields(s, ENDPOINT_FIELDS),
      finalState: s.state,
      finalStateSource: 'observed',
      cookie: s.cookie,
      openedAt: s.firstSeen,
      openedAtSource: 'observed',
      durationMs: Math.max(0, takenAt - s.firstSeen),
      closedAt: takenAt,
      closedAtSource: 'observed',
      bytesSent: m?.bytesSent ?? null,
      bytesReceived: m?.bytesReceived ?? null,
      rttMs: m?.rttMs ?? null,
      retransmits: m?.retransmits ?? null,
      pid: s.pid,
      process: s.process,
      failedConnect: s.state === 'SYN_SENT',
    };
  }

  /** The socket a refresh saw under the event's cookie before the table lost it (on `key` when given), or undefined. */
  private gone(e: ClosedSocketEvent, key: string | null): Socket | undefined {
    const g = this.goneByCookie.get(e.cookie);
    if (!g || (key !== null && g.socket.key !== key)) return undefined;
    this.goneByCookie.delete(e.cookie);
    return g.socket;
  }

  /**
   * A destroy event whose tuple the kernel cleared (a failed connect: local 0.0.0.0, remote port 0; a socket aborted
   * with SO_LINGER 0: its peer zeroed), with the tuple
   * the table last showed under its cookie; null when the table never saw that socket connected.
   */
  private withPolledTuple(e: ClosedSocketEvent): ClosedSocketEvent | null {
    const key = this.liveByCookie.get(e.cookie);
    const seen = key === undefined ? this.goneByCookie.get(e.cookie)?.socket : this.live.get(key);
    if (!seen || seen.proto !== e.proto || seen.remotePort === 0 || seen.state === 'LISTEN') return null;
    return {
      ...e,
      family: seen.family,
      localAddress: seen.localAddress,
      localPort: seen.localPort,
      remoteAddress: seen.remoteAddress,
      remotePort: seen.remotePort,
    };
  }

  /** A connect the trace saw fail: its destination and caller from the trace, nothing sent or received. */
  private fromFailedConnect(f: FailedConnect): ClosedConnection {
    const openedAt = this.failedOpenings.get(f.skaddr) ?? null;
    return {
      id: 0,
      proto: 'tcp',
      family: f.family,
      localAddress: f.localAddress,
      localPort: f.localPort,
      remoteAddress: f.remoteAddress,
      remotePort: f.remotePort,
      finalState: 'SYN_SENT',
      finalStateSource: 'trace',
      cookie: null,
      openedAt,
      openedAtSource: openedAt === null ? 'observed' : 'trace',
      durationMs: openedAt === null ? null : Math.max(0, f.at - openedAt),
      closedAt: f.at,
      closedAtSource: 'trace',
      bytesSent: null,
      bytesReceived: null,
      rttMs: null,
      retransmits: null,
      pid: f.pid,
      process: f.comm,
      failedConnect: true,
    };
  }

  private remember(s: Socket): void {
    const old = this.live.get(s.key);
    if (old?.cookie && old.cookie !== s.cookie) this.liveByCookie.delete(old.cookie);
    this.live.set(s.key, s);
    if (s.cookie !== null) this.liveByCookie.set(s.cookie, s.key);
  }

  private forget(key: string): void {
    const old = this.live.get(key);
    if (old?.cookie && this.liveByCookie.get(old.cookie) === key) this.liveByCookie.delete(old.cookie);
    this.live.delete(key);
  }

  private keep(entry: ClosedConnection): void {
    const e = { ...entry, id: this.nextId++ };
    this.entries.push(e);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    this.closedTotal++;
    const second = Math.floor(e.closedAt / 1000) * 1000;
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
    if (this.perSecond.size > CLOSED_RATE_SECONDS + 5) {
      const oldest = second - CLOSED_RATE_SECONDS * 1000;
      for (const at of this.perSecond.keys()) if (at < oldest) this.perSecond.delete(at);
    }
  }

  private commOf(pid: number | null): string | null {
    return pid === null ? null : (this.commByPid.get(pid) ?? null);
  }

  /** Remembers when each traced connection opened, by kernel address until its tuple is known, then by tuple. */
  private noteOpenings(transitions: readonly TracedTransition[]): void {
    for (const t of transitions) {
      if (t.pid !== null && t.comm !== null && this.commByPid.get(t.pid) !== t.comm) {
        this.commByPid.delete(t.pid);
        this.commByPid.set(t.pid, t.comm);
      }
      const opening = t.from === 'CLOSED' || (t.from === 'LISTEN' && t.to === 'SYN_RECEIVED');
      if (opening && !this.openedBySk.has(t.skaddr)) this.openedBySk.set(t.skaddr, t.at);
      const first = this.openedBySk.get(t.skaddr);
      if (first !== undefined && t.localPort !== 0 && t.remotePort !== 0) {
        const key = tcpKey(t);
        if (!this.openedByKey.has(key)) this.openedByKey.set(key, first);
      }
      if (t.to === 'CLOSED') {
        if (t.from === 'SYN_SENT' && first !== undefined) this.failedOpenings.set(t.skaddr, first);
        this.openedBySk.delete(t.skaddr);
      }
    }
    for (const m of [this.openedBySk, this.openedByKey]) {
      while (m.size > MAX_OPENINGS) m.delete(m.keys().next().value as string);
    }
    while (this.commByPid.size > MAX_NAMES) this.commByPid.delete(this.commByPid.keys().next().value as number);
  }
}
