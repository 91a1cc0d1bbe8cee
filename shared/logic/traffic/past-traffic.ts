// The Processes view of a recorded moment: what the table recorded then says per process. Rates are the sockets'
// own, as recorded (over the refresh that ended at that tick); bytes are the kernel's counters of the connections
// open then, each since it opened. No history: the sparkline belongs to the live view.
import type { ProcessInfo, Socket } from '../../model/socket';
import type { ProcessTraffic, ProcessTrafficList } from '../../model/processes';
import { busiestDestinations, destinationProcesses, isListener, listeningOf, tableFacts } from './table-facts';
import type { Bytes, TrafficOwner } from './traffic-tracker';

interface Figures extends Bytes {
  sentRate: number | null;
  receivedRate: number | null;
}

const plus = (a: number | null, b: number | null): number | null => (b === null ? a : (a ?? 0) + b);

/**
 * Rows per process of the table recorded at `tickAt`. Bytes and rates of a shared socket go to its first owner, as
 * in the live view; `hiddenReasonKey(n)` explains the row of `n` sockets without a visible owner.
 */
export function pastProcessTraffic(
  table: ReadonlyMap<string, Socket>,
  processes: ReadonlyMap<number, ProcessInfo>,
  tickAt: number,
  hiddenReasonKey: (sockets: number) => string,
): ProcessTrafficList {
  const facts = tableFacts(table);
  const byOwner = new Map<TrafficOwner, Figures>();
  const byRemote = new Map<string, Bytes>();
  for (const s of table.values()) {
    if (s.proto !== 'tcp' || isListener(s)) continue;
    const owner: TrafficOwner = s.owners[0]?.pid ?? s.pid ?? 'unknown';
    let f = byOwner.get(owner);
    if (!f) byOwner.set(owner, (f = { sent: 0, received: 0, sentRate: null, receivedRate: null }));
    f.sent += s.metrics?.bytesSent ?? 0;
    f.received += s.metrics?.bytesReceived ?? 0;
    f.sentRate = plus(f.sentRate, s.sentBytesPerSec);
    f.receivedRate = plus(f.receivedRate, s.receivedBytesPerSec);
    const r = byRemote.get(s.remoteAddress) ?? { sent: 0, received: 0 };
    r.sent += s.metrics?.bytesSent ?? 0;
    r.received += s.metrics?.bytesReceived ?? 0;
    byRemote.set(s.remoteAddress, r);
  }
  const rows: ProcessTraffic[] = [];
  for (const [owner, a] of facts.owners) {
    const pid = owner === 'unknown' ? null : owner;
    const info = pid === null ? undefined : processes.get(pid);
    const f = byOwner.get(owner);
    rows.push({
      pid,
      name: pid === null ? '' : (info?.name ?? String(pid)),
      user: info?.user ?? null,
      ppid: info?.ppid ?? null,
      status: 'live',
      goneAt: null,
      listening: listeningOf(a),
      states: a.states,
      connections: a.connections,
      sentBytesPerSec: a.tcp ? (f?.sentRate ?? null) : null,
      receivedBytesPerSec: a.tcp ? (f?.receivedRate ?? null) : null,
      sentBytes: f?.sent ?? 0,
      receivedBytes: f?.received ?? 0,
      remoteHosts: a.remotes.size,
      hasUdp: a.udp,
      history: [],
    });
  }
  const destinations = busiestDestinations(
    [...facts.destinations].map(([address, d]) => ({
      address,
      sentBytes: byRemote.get(address)?.sent ?? 0,
      receivedBytes: byRemote.get(address)?.received ?? 0,
      connections: d.connections,
      processes: destinationProcesses(d),
    })),
  );
  return {
    takenAt: tickAt,
    intervalMs: 0,
    processes: rows,
    destinations,
    hidden: facts.hidden > 0 ? { sockets: facts.hidden, reasonKey: hiddenReasonKey(facts.hidden) } : null,
    closedSource: 'kernel',
  };
}
