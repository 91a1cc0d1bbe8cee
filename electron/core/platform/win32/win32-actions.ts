// ProcessActions on Windows: details from the process cache, TerminateProcess, SetTcpEntry DELETE_TCB.
import { keyedError } from '../../../../shared/logic/input-error';
import type { ProcessDetails } from '../../../../shared/model/actions';
import { AppError } from '../../../../shared/model/errors';
import { goneError, permissionError, reusedError } from '../../actions/kill-errors';
import { refusalError, refusalFor } from '../../actions/refusal';
import type { ProcessActions } from '../../process-actions';
import { WinProcessCache } from './process-cache';
import { killProcess } from './process-kill';
import { closeTcpConnection } from './tcp-close';
import { isElevated } from '../../privilege/elevation';
import { checkConnection } from '../../../../shared/logic/close-refusal';
import { AF_INET, getTcpTable } from '../../ffi/iphlpapi';
import { checkWindowsClose } from './close-check';
import { decodeTcp4Table } from './table-decode';

/** Windows gives no cheap parent pid here, so "own" means this very process. */
function winDetails(cache: WinProcessCache, pid: number): Omit<ProcessDetails, 'sockets'> {
  const found = cache.lookup(pid);
  if (found.kind === 'gone') throw goneError(pid);
  const info =
    found.kind === 'info'
      ? found.info
      : { pid, name: String(pid), exe: null, cmdline: null, user: null, uid: null, startTime: null };
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

/** The Windows actions; a close also refuses connections of `ownPids` (the helper's app). */
export function createWin32Actions(ownPids: readonly number[] = []): ProcessActions {
  const cache = new WinProcessCache();
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
    close: (c) => {
      checkConnection(c);
      if (c.family === 6) throw keyedError('actions.closeIpv6Windows', {}, 'NOT_SUPPORTED');
      // SetTcpEntry resets whatever row matches the endpoints: look at that row first, as Linux does.
      const table = decodeTcp4Table(getTcpTable(AF_INET));
      if (!table.ok) throw new AppError('INTERNAL', `The TCP table could not be read: ${table.message}`);
      checkWindowsClose(table.rows, c, [process.pid, ...ownPids]);
      closeTcpConnection({ proto: 'tcp', ...c });
      return { closed: true, method: 'set_tcp_entry' };
    },
  };
}
