// ProcessActions on macOS: details from libproc, kill by signals like Linux; closing one connection is impossible.
import { keyedError } from '../../../../shared/logic/input-error';
import { checkConnection } from '../../../../shared/logic/close-refusal';
import type { ProcessDetails } from '../../../../shared/model/actions';
import { goneError } from '../../actions/kill-errors';
import { signalKill } from '../../actions/posix-kill';
import { isOwnProcess, refusalFor } from '../../actions/refusal';
import { pidInfo, pidPath, PROC_PIDTBSDINFO, userNameOf } from '../../ffi/libproc';
import { isElevated } from '../../privilege/elevation';
import type { ProcessActions } from '../../process-actions';
import { decodeBsdInfo, PROC_BSDINFO_SIZE } from './socket-fdinfo';

/** struct proc_bsdinfo: pbi_status (u32) at 4, pbi_ppid (u32) at 16; SZOMB is status 5 (sys/proc.h). */
const PBI_STATUS = 4;
const PBI_PPID = 16;
const SZOMB = 5;

interface Bsd {
  readonly name: string;
  readonly uid: number;
  readonly startTime: number;
  readonly ppid: number;
  readonly zombie: boolean;
}

/** proc_bsdinfo of `pid`, 'gone' when it does not exist, null when it exists but cannot be read. */
function readBsd(pid: number): Bsd | 'gone' | null {
  const buf = new Uint8Array(PROC_BSDINFO_SIZE);
  try {
    const info = decodeBsdInfo(buf, pidInfo(pid, PROC_PIDTBSDINFO, buf));
    if (!info) return null;
    const v = new DataView(buf.buffer);
    return { ...info, ppid: v.getUint32(PBI_PPID, true), zombie: v.getUint32(PBI_STATUS, true) === SZOMB };
  } catch {
    return exists(pid) ? null : 'gone';
  }
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === 'EPERM';
  }
}

function darwinDetails(pid: number): Omit<ProcessDetails, 'sockets'> {
  const b = readBsd(pid);
  if (b === 'gone') throw goneError(pid);
  const parentOf = (p: number): number | null => {
    const x = readBsd(p);
    return x && x !== 'gone' ? x.ppid : null;
  };
  const own = isOwnProcess(pid, process.pid, parentOf);
  const ppid = b?.ppid ?? null;
  const parent = ppid === null ? null : readBsd(ppid);
  return {
    pid,
    name: b?.name ?? String(pid),
    exe: pidPath(pid),
    cmdline: null,
    user: b ? userNameOf(b.uid) : null,
    uid: b?.uid ?? null,
    startTime: b?.startTime ?? null,
    ppid,
    parentName: parent && parent !== 'gone' ? parent.name : null,
    kernelThread: false,
    own,
    refusal: refusalFor('darwin', { pid, kernelThread: false, own }),
  };
}

/** The macOS actions. */
export function createDarwinActions(): ProcessActions {
  return {
    details: darwinDetails,
    kill: (order) =>
      signalKill(order, {
        details: darwinDetails,
        signal: (pid, sig) => process.kill(pid, sig),
        watch: (pid) => {
          const first = readBsd(pid);
          const start = first && first !== 'gone' ? first.startTime : null;
          return () => {
            const b = readBsd(pid);
            return b === 'gone' || (b !== null && (b.zombie || (start !== null && b.startTime !== start)));
          };
        },
        elevated: isElevated(),
        graceMs: 3000,
        pollMs: 25,
      }),
    close: (c) => {
      // Bad input is bad input here too, before the platform says it cannot close at all.
      checkConnection(c);
      throw keyedError('actions.closeMacos', {}, 'NOT_SUPPORTED');
    },
  };
}
