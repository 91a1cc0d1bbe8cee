// What one table says per process and per remote host, whatever the traffic figures beside it: states, listeners,
// connections, remote hosts, who talks to each destination, and the sockets whose owner is hidden. The live
// Processes view and the one of a recorded moment both start from it.
import type { Destination, ProcessTraffic } from '../../model/processes';
import type { Socket } from '../../model/socket';
import type { TrafficOwner } from './traffic-tracker';

/** Destinations listed, busiest first. */
const TOP_DESTINATIONS = 25;

/** One process's sockets in the table. */
export interface OwnerFacts {
  readonly states: Record<string, number>;
  readonly listening: Map<string, ProcessTraffic['listening'][number]>;
  readonly remotes: Set<string>;
  connections: number;
  tcp: boolean;
  udp: boolean;
}

/** One remote host's connections in the table. */
export interface DestinationFacts {
  connections: number;
  readonly processes: Map<number, string>;
}

export interface TableFacts {
  readonly owners: ReadonlyMap<TrafficOwner, OwnerFacts>;
  readonly destinations: ReadonlyMap<string, DestinationFacts>;
  /** Sockets with no visible owner (TIME_WAIT excluded: no process holds one). */
  readonly hidden: number;
}

/** Who holds a socket: each owner when several processes share it, else its pid, or the hidden-owners row. */
export function ownersOf(s: Socket): TrafficOwner[] {
  if (s.owners.length > 1) return s.owners.map((o) => o.pid);
  return [s.pid ?? 'unknown'];
}

/** A listener: TCP LISTEN, or UDP with no peer. */
export function isListener(s: Socket): boolean {
  return s.state === 'LISTEN' || (s.proto === 'udp' && s.remotePort === 0);
}

/** Walks the table once. */
export function tableFacts(table: ReadonlyMap<string, Socket>): TableFacts {
  const owners = new Map<TrafficOwner, OwnerFacts>();
  const destinations = new Map<string, DestinationFacts>();
  let hidden = 0;
  for (const s of table.values()) {
    if (s.pid === null && s.state !== 'TIME_WAIT') hidden++;
    const listener = isListener(s);
    // A socket shared by a master and its workers is each one's: every holder lists it.
    for (const owner of ownersOf(s)) {
      let a = owners.get(owner);
      if (!a) {
        a = { states: {}, listening: new Map(), remotes: new Set(), connections: 0, tcp: false, udp: false };
        owners.set(owner, a);
      }
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
      let d = destinations.get(s.remoteAddress);
      if (!d) destinations.set(s.remoteAddress, (d = { connections: 0, processes: new Map() }));
      d.connections++;
      for (const o of s.owners) d.processes.set(o.pid, o.process ?? String(o.pid));
      if (s.pid !== null && s.owners.length === 0) d.processes.set(s.pid, s.process ?? String(s.pid));
    }
  }
  return { owners, destinations, hidden };
}

/** Listening ports of a process, lowest first, at most 50. */
export function listeningOf(a: OwnerFacts | undefined): ProcessTraffic['listening'] {
  return [...(a?.listening.values() ?? [])].sort((x, y) => x.port - y.port).slice(0, 50);
}

/** Processes talking to a destination. */
export function destinationProcesses(d: DestinationFacts | undefined): { pid: number; name: string }[] {
  return [...(d?.processes ?? new Map<number, string>())].map(([pid, name]) => ({ pid, name }));
}

/** The busiest destinations (bytes, then connections), at most TOP_DESTINATIONS. */
export function busiestDestinations(all: Destination[]): Destination[] {
  return all
    .sort((x, y) => y.sentBytes + y.receivedBytes - (x.sentBytes + x.receivedBytes) || y.connections - x.connections)
    .slice(0, TOP_DESTINATIONS);
}
