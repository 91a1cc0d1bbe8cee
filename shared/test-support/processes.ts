// Process values for unit tests of the per-process views: a process record, and the two holders of a shared
// listener (an nginx master and one worker) as socket owners.
import type { ProcessInfo } from '../model/socket';

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
