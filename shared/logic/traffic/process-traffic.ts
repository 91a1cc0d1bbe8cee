// The Processes view's rows: per process, its sockets now (states, listeners, remote hosts) and its traffic (rates
// over the last refresh, a rate history for the sparkline, bytes since netinspect saw it), plus top destinations.
import type { ClosedConnection } from '../../model/connections';
import {
  GONE_PROCESS_KEEP_MS,
  TRAFFIC_HISTORY_POINTS,
  type ProcessTraffic,
  type ProcessTrafficList,
} from '../../model/processes';
import type { ProcessInfo, Socket } from '../../model/socket';
import { busiestDestinations, destinationProcesses, listeningOf, ownersOf, tableFacts } from './table-facts';
import { TrafficTracker, type Bytes, type TrafficOwner } from './traffic-tracker';

/** Remote addresses whose byte totals are kept (the busiest). */
const REMOTES_KEPT = 5_000;

interface OwnerState {
  name: string;
  user: string | null;
  ppid: number | null;
  /** Rates over the last refresh (bytes/s), or null before the second refresh. */
  sentRate: number | null;
  receivedRate: number | null;
  history: { at: number; sent: number; received: number }[];
  goneAt: number | null;
}

/** One refresh, as the traffic view reads it. */
export interface TrafficTickInput {
  readonly added: readonly Socket[];
  readonly changed: readonly Socket[];
  readonly removed: readonly string[];
  readonly takenAt: number;
  readonly table: ReadonlyMap<string, Socket>;
  readonly processes: ReadonlyMap<number, ProcessInfo>;
}

function pushPoint(o: OwnerState, at: number, b: Bytes | undefined, dtMs: number): void {
  const sent = dtMs > 0 ? ((b?.sent ?? 0) * 1000) / dtMs : 0;
  const received = dtMs > 0 ? ((b?.received ?? 0) * 1000) / dtMs : 0;
  o.sentRate = dtMs > 0 ? sent : null;
  o.receivedRate = dtMs > 0 ? received : null;
  o.history.push({ at, sent, received });
  if (o.history.length > TRAFFIC_HISTORY_POINTS) o.history.splice(0, o.history.length - TRAFFIC_HISTORY_POINTS);
}

/**
 * Traffic per process over refreshes. Rates are bytes credited over a refresh / its length, so they include the
 * final bytes of connections that opened and closed between two refreshes (from `closed`, the kernel's counters).
 */
export class ProcessTrafficView {
  private readonly tracker = new TrafficTracker();
  private readonly owners = new Map<TrafficOwner, OwnerState>();
  private lastAt = 0;
  private intervalMs = 0;

  /** Folds one refresh and the connections that closed in it. */
  apply(t: TrafficTickInput, closed: readonly ClosedConnection[]): void {
    const tick = this.tracker.apply(
      t,
      t.takenAt,
      closed.map((c) => ({
        key: `${c.proto}${c.family} ${c.localAddress}:${c.localPort} ${c.remoteAddress}:${c.remotePort}`,
        cookie: c.cookie,
        pid: c.pid,
        remoteAddress: c.remoteAddress,
        bytesSent: c.bytesSent,
        bytesReceived: c.bytesReceived,
      })),
    );
    this.intervalMs = tick.intervalMs;
    this.lastAt = t.takenAt;
    const holding = new Set<TrafficOwner>();
    for (const s of t.table.values()) for (const owner of ownersOf(s)) holding.add(owner);
    for (const owner of new Set([...holding, ...tick.byOwner.keys(), ...this.owners.keys()])) {
      let o = this.owners.get(owner);
      if (!o) {
        o = { name: '', user: null, ppid: null, sentRate: null, receivedRate: null, history: [], goneAt: null };
        this.owners.set(owner, o);
      }
      if (typeof owner === 'number') {
        const info = t.processes.get(owner);
        if (info) {
          o.name = info.name;
          o.user = info.user;
          o.ppid = info.ppid;
        }
      }
      if (holding.has(owner)) o.goneAt = null;
      else o.goneAt ??= t.takenAt;
      pushPoint(o, t.takenAt, tick.byOwner.get(owner), tick.intervalMs);
    }
    for (const [owner, o] of this.owners) {
      if (o.goneAt !== null && t.takenAt - o.goneAt > GONE_PROCESS_KEEP_MS) {
        this.owners.delete(owner);
        this.tracker.forget(owner);
      }
    }
    this.tracker.trimRemotes(REMOTES_KEPT);
  }

  /**
   * The rows as of the last refresh. `alive(pid)` tells a process that still runs (idle) from one that exited;
   * `hiddenReasonKey(n)` explains the row of `n` sockets without a visible owner (an i18n key taking `n`).
   */
  list(
    table: ReadonlyMap<string, Socket>,
    alive: (pid: number) => boolean,
    hiddenReasonKey: (sockets: number) => string,
    closedSource: 'kernel' | 'observed',
  ): ProcessTrafficList {
    const { owners: acc, destinations: dests, hidden } = tableFacts(table);
    const processes: ProcessTraffic[] = [];
    for (const [owner, o] of this.owners) {
      const a = acc.get(owner);
      const total = this.tracker.total(owner);
      const pid = owner === 'unknown' ? null : owner;
      if (pid === null && !a && total.sent + total.received === 0) continue;
      processes.push({
        pid,
        name: pid === null ? '' : o.name || String(pid),
        user: o.user,
        ppid: o.ppid,
        status: a ? 'live' : pid !== null && alive(pid) ? 'idle' : 'exited',
        goneAt: a ? null : o.goneAt,
        listening: listeningOf(a),
        states: a?.states ?? {},
        connections: a?.connections ?? 0,
        sentBytesPerSec: a && !a.tcp ? null : o.sentRate,
        receivedBytesPerSec: a && !a.tcp ? null : o.receivedRate,
        sentBytes: total.sent,
        receivedBytes: total.received,
        remoteHosts: a?.remotes.size ?? 0,
        hasUdp: a?.udp ?? false,
        history: [...o.history],
      });
    }
    const remotes = this.tracker.remotes();
    const destinations = busiestDestinations(
      [...new Set([...dests.keys(), ...remotes.keys()])].map((address) => {
        const d = dests.get(address);
        const b = remotes.get(address) ?? { sent: 0, received: 0 };
        return {
          address,
          sentBytes: b.sent,
          receivedBytes: b.received,
          connections: d?.connections ?? 0,
          processes: destinationProcesses(d),
        };
      }),
    );
    return {
      takenAt: this.lastAt,
      intervalMs: this.intervalMs,
      processes,
      destinations,
      hidden: hidden > 0 ? { sockets: hidden, reasonKey: hiddenReasonKey(hidden) } : null,
      closedSource,
    };
  }
}
