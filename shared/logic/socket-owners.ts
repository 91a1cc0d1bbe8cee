// Sockets shared by several processes (a listener inherited by forked workers): how to name their owners, and
// which process to end to free a port.
import type { Owner, Socket } from '../model/socket';

/**
 * The owner as a table cell shows it: the first owner's name, with the number of owners when several processes
 * share the socket (`nginx (3)`); '' when no owner is visible.
 */
export function ownerLabel(s: Pick<Socket, 'process' | 'owners'>): string {
  const name = s.process ?? s.owners[0]?.process ?? '';
  if (s.owners.length < 2) return name;
  return `${name || '?'} (${s.owners.length})`;
}

/** A port that ending one process would not free, and the process that holds it first (the parent). */
export interface SharedListener {
  /** The first owner: the parent the workers inherited the socket from. */
  readonly parent: Owner;
  /** Local ports of the listeners concerned, ascending, without repeats. */
  readonly ports: readonly number[];
}

/** True for a socket that waits for peers: a TCP listener or an unconnected UDP socket bound to a port. */
function isListener(s: Socket): boolean {
  return s.state === 'LISTEN' || (s.proto === 'udp' && s.remotePort === 0 && s.localPort !== 0);
}

/**
 * When `pid` is one of several holders of a listener but not the first (a worker forked from the master that
 * opened it), killing it leaves the port open: the master to kill instead and the ports. Null when `pid` holds no
 * shared listener, or is its first owner (killing the master ends what it started, as nginx and gunicorn do).
 */
export function sharedListenerOf(pid: number, sockets: Iterable<Socket>): SharedListener | null {
  let parent: Owner | null = null;
  const ports = new Set<number>();
  for (const s of sockets) {
    if (s.owners.length < 2 || !isListener(s)) continue;
    const first = s.owners[0];
    if (first.pid === pid || !s.owners.some((o) => o.pid === pid)) continue;
    // Listeners of one worker normally share one master; the first one found names it.
    if (parent === null) parent = first;
    if (first.pid === parent.pid) ports.add(s.localPort);
  }
  return parent === null ? null : { parent, ports: [...ports].sort((a, b) => a - b) };
}
