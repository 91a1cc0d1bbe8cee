// ProcessActions on Linux: details from /proc, kill by signals, close through SOCK_DESTROY.
import type { ProcessDetails } from '../../../../shared/model/actions';
import { goneError } from '../../actions/kill-errors';
import { signalKill } from '../../actions/posix-kill';
import { isOwnProcess, refusalFor } from '../../actions/refusal';
import { isElevated } from '../../privilege/elevation';
import type { ProcessActions } from '../../process-actions';
import { userName } from './proc-info';
import { exitWatch, procFs, readProcFacts, readStat, type ProcReader } from './proc-facts';
import { sockDestroy } from './sock-destroy';

/** Tunables and seams; the defaults are what the app uses. */
export interface LinuxActionOptions {
  readonly reader?: ProcReader;
  /** The netinspect process whose descendants are "own" (default: this process). */
  readonly selfPid?: number;
  /** Grace period after each signal (ms). */
  readonly graceMs?: number;
  /**
   * More netinspect processes whose trees' sockets a close refuses, beside this one's: the helper names the app,
   * which it does not descend from.
   */
  readonly ownPids?: readonly number[];
}

/** A process's details, without its sockets; throws ESRCH when it does not exist. */
export function linuxDetails(pid: number, r: ProcReader, selfPid: number): Omit<ProcessDetails, 'sockets'> {
  const f = readProcFacts(pid, r);
  if (!f) throw goneError(pid);
  const ppid = f.stat.ppid > 0 ? f.stat.ppid : null;
  const own = isOwnProcess(pid, selfPid, (p) => readStat(p, r)?.ppid ?? null);
  const parent = ppid === null ? null : (r.read(`/proc/${ppid}/comm`)?.trim() ?? null);
  return {
    pid,
    name: f.name,
    exe: f.exe,
    cmdline: f.cmdline,
    user: f.uid === null ? null : userName(f.uid),
    uid: f.uid,
    startTime: f.startTime,
    ppid,
    parentName: parent === '' ? null : parent,
    kernelThread: f.kernelThread,
    own,
    refusal: refusalFor('linux', { pid, kernelThread: f.kernelThread, own }),
  };
}

/** The Linux actions. */
export function createLinuxActions(options: LinuxActionOptions = {}): ProcessActions {
  const r = options.reader ?? procFs;
  const selfPid = options.selfPid ?? process.pid;
  const details = (pid: number) => linuxDetails(pid, r, selfPid);
  return {
    details,
    kill: (order) =>
      signalKill(order, {
        details,
        signal: (pid, sig) => process.kill(pid, sig),
        watch: (pid) => exitWatch(pid, r),
        elevated: isElevated(),
        graceMs: options.graceMs ?? 3000,
        pollMs: 25,
      }),
    close: (c) => {
      sockDestroy(c, [selfPid, ...(options.ownPids ?? [])]);
      return { closed: true, method: 'sock_destroy' };
    },
  };
}
