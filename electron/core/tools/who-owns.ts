// Who owns port N: every socket bound to it locally, any family, listeners first, with their processes.
import type { ProcessInfo, Socket } from '../../../shared/model/socket';
import type { WhoResult } from '../../../shared/model/tools';

const RANK: Readonly<Record<string, number>> = { LISTEN: 0, UNCONN: 1, ESTABLISHED: 2 };

/** Sockets whose local port is `port` (of `proto`, or both), and the processes holding them. */
export function whoOwns(
  snap: { readonly takenAt: number; readonly sockets: readonly Socket[]; readonly processes: readonly ProcessInfo[] },
  port: number,
  proto: 'tcp' | 'udp' | 'any',
): WhoResult {
  const sockets = snap.sockets
    .filter((s) => s.localPort === port && (proto === 'any' || s.proto === proto))
    .sort((a, b) => (RANK[a.state] ?? 3) - (RANK[b.state] ?? 3) || a.family - b.family || a.key.localeCompare(b.key));
  const pids = new Set(sockets.map((s) => s.pid));
  return { port, takenAt: snap.takenAt, sockets, processes: snap.processes.filter((p) => pids.has(p.pid)) };
}
