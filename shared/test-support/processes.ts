// Process values for unit tests of the per-process views: a process record, a row of traffic, and the two holders
// of a shared listener (an nginx master and one worker) as socket owners, with that listener.
import type { ProcessTraffic } from '../model/processes';
import type { ProcessInfo, Socket } from '../model/socket';
import { sock } from './sockets';

/** A process record of user www (uid 33), started at 1, child of pid 1. */
export const processInfo = (pid: number, name: string): ProcessInfo => ({
  pid,
  name,
  exe: null,
  cmdline: null,
  user: 'www',
  uid: 33,
  startTime: 1,
  ppid: 1,
});
/** The master of a shared listener, as a socket owner. */
export const master = { pid: 10, process: 'nginx', user: 'root' };
/** One of its workers, as a socket owner. */
export const worker = { pid: 11, process: 'nginx', user: 'www' };

/** The listener on port 80 that the master and its worker both hold, under the master's pid. */
export const sharedListener = (p: Partial<Socket> = {}): Socket =>
  sock({
    key: 'l',
    state: 'LISTEN',
    localPort: 80,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    pid: 10,
    owners: [master, worker],
    ...p,
  });

/** A live row of the per-process traffic (pid 100 'app' of user dev, one established connection, no traffic). */
export function processTraffic(p: Partial<ProcessTraffic> = {}): ProcessTraffic {
  return {
    pid: 100,
    name: 'app',
    user: 'dev',
    ppid: 1,
    status: 'live',
    goneAt: null,
    listening: [],
    states: { ESTABLISHED: 1 },
    connections: 1,
    sentBytesPerSec: 0,
    receivedBytesPerSec: 0,
    sentBytes: 0,
    receivedBytes: 0,
    remoteHosts: 1,
    hasUdp: false,
    history: [],
    ...p,
  };
}
