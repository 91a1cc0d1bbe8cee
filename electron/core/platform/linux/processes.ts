// Processes on Linux: details from /proc, and ending one with signals.
import type { ProcessDetails } from '../../../../shared/model/actions';
import { isElevated } from '../elevation';
import type { ProcessControl } from '../platform';
import { goneError } from '../process-errors';
import { isOwnProcess, refusalFor } from '../process-refusal';
import { signalKill } from '../posix/signal-kill';
import { userName } from './proc-info';
import { exitWatch, procFs, readProcFacts, readStat, type ProcReader } from './proc-facts';

/** Tunables and seams; the defaults are what the app uses. */
export interface LinuxProcessOptions {
  readonly reader?: ProcReader;
  /** The netinspect process whose descendants are "own" (default: this process). */
  readonly selfPid?: number;
  /** Grace period after each signal (ms). */
  readonly graceMs?: number;
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

/** Linux process control. */
export function createLinuxProcesses(options: LinuxProcessOptions = {}): ProcessControl {
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
  };
}
