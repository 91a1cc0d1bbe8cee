// The Processes view's rows: per process, its sockets now (states, listeners, remote hosts) and its traffic (rates
// over the last refresh, a rate history for the sparkline, bytes since netinspect saw it), plus top destinations.
import type { ClosedConnection } from '../../model/connections';
import {
  GONE_PROCESS_KEEP_MS,
  TRAFFIC_HISTORY_POINTS,
  type Destination,
  type ProcessTraffic,
  type ProcessTrafficList,
} from '../../model/processes';
import type { ProcessInfo, Socket } from '../../model/socket';
import { TrafficTracker, type Bytes, type TrafficOwner } from './traffic-tracker';

/** Destinations listed, busiest first. */
const TOP_DESTINATIONS = 25;
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

/** Who holds a socket: each owner when several processes share it, else its pid, or the hidden-owners row. */
function ownersOf(s: Socket): TrafficOwner[] {
  if (s.owners.length > 1) return s.owners.map((o) => o.pid);
  return [s.pid ?? 'unknown'];
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
    type Acc = {
      states: Record<string, number>;
      listening: Map<string, ProcessTraffic['listening'][number]>;
      remotes: Set<string>;
      connections: number;
      tcp: boolean;
      udp: boolean;
    };
    const acc = new Map<TrafficOwner, Acc>();
    const dests = new Map<string, { connections: number; processes: Map<number, string> }>();
    let hidden = 0;
    for (const s of table.values()) {
      if (s.pid === null && s.state !== 'TIME_WAIT') hidden++;
      const listener = s.state === 'LISTEN' || (s.proto === 'udp' && s.remotePort === 0);
      // A socket shared by a master and its workers is each one's: every holder lists it (bytes go to the first).
      for (const owner of ownersOf(s)) {
        let a = acc.get(owner);
        if (!a)
          acc.set(
            owner,
            (a = { states: {}, listening: new Map(), remotes: new Set(), connections: 0, tcp: false, udp: false }),
          );
        a.states[s.state] = (a.states[s.state] ?? 0) + 1;
        if (s.proto === 'tcp') a.tcp = true;
        else a.udp = true;
        if (listener) a.listening.set(`${s.proto}:${s.localPort}`, { proto: s.proto, port: s.localPort });
        else {
          a.connections++;
          a.remotes.add(s.remoteAddress);
        }
      }
      if (!listener) {
        let d = dests.get(s.remoteAddress);
        if (!d) dests.set(s.remoteAddress, (d = { connections: 0, processes: new Map() }));
        d.connections++;
        for (const o of s.owners) d.processes.set(o.pid, o.process ?? String(o.pid));
        if (s.pid !== null && s.owners.length === 0) d.processes.set(s.pid, s.process ?? String(s.pid));
      }
    }
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
        listening: [...(a?.listening.values() ?? [])].sort((x, y) => x.port - y.port).slice(0, 50),
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
    const destinations: Destination[] = [...new Set([...dests.keys(), ...remotes.keys()])]
      .map((address) => {
        const d = dests.get(address);
        const b = remotes.get(address) ?? { sent: 0, received: 0 };
        return {
          address,
          sentBytes: b.sent,
          receivedBytes: b.received,
          connections: d?.connections ?? 0,
          processes: [...(d?.processes ?? new Map<number, string>())].map(([p, name]) => ({ pid: p, name })),
        };
      })
      .sort((x, y) => y.sentBytes + y.receivedBytes - (x.sentBytes + x.receivedBytes) || y.connections - x.connections)
      .slice(0, TOP_DESTINATIONS);
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
