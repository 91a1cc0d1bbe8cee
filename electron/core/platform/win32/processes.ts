// Processes on Windows: details from the process cache, ending one with TerminateProcess.
import type { ProcessDetails } from '../../../../shared/model/actions';
import { AppError } from '../../../../shared/model/errors';
import { isElevated } from '../elevation';
import type { ProcessControl } from '../platform';
import { goneError, permissionError, reusedError } from '../process-errors';
import { refusalError, refusalFor } from '../process-refusal';
import { WinProcessCache } from './process-cache';
import { killProcess } from './process-kill';

/** Windows gives no cheap parent pid here, so "own" means this very process. */
function winDetails(cache: WinProcessCache, pid: number): Omit<ProcessDetails, 'sockets'> {
  const found = cache.lookup(pid);
  if (found.kind === 'gone') throw goneError(pid);
  const info =
    found.kind === 'info'
      ? found.info
      : { pid, name: String(pid), exe: null, cmdline: null, user: null, uid: null, startTime: null, ppid: null };
  const own = pid === process.pid;
  return {
    ...info,
    ppid: null,
    parentName: null,
    kernelThread: false,
    own,
    refusal: refusalFor('win32', { pid, kernelThread: false, own }),
  };
}

/** Keyed versions of process-kill's errors, so they read in the user's language. */
function keyed(e: unknown, pid: number, name: string): unknown {
  if (!(e instanceof AppError)) return e;
  if (e.code === 'ESRCH') return goneError(pid);
  if (e.code === 'NEEDS_ELEVATION' || e.code === 'EPERM') return permissionError(pid, name, isElevated());
  return e;
}

/** Windows process control over a process cache (shared with the collector's when given). */
export function createWin32Processes(cache = new WinProcessCache()): ProcessControl {
  const details = (pid: number) => winDetails(cache, pid);
  return {
    details,
    kill: async (order) => {
      const d = details(order.pid);
      if (order.expectStartTime != null && d.startTime !== null && Math.abs(d.startTime - order.expectStartTime) > 1) {
        throw reusedError(order.pid, d.name);
      }
      if (d.refusal) throw refusalError(d.refusal, order.pid, d.name);
      const started = Date.now();
      try {
        killProcess(order.pid);
      } catch (e) {
        throw keyed(e, order.pid, d.name);
      }
      // No wait: a process another handle still refers to stays openable after it ended, so polling OpenProcess
      // cannot tell; TerminateProcess succeeding is the answer.
      return { pid: order.pid, outcome: 'terminated', elapsedMs: Date.now() - started };
    },
  };
}
