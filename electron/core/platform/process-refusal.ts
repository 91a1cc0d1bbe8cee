// Which processes netinspect refuses to end, and why (pure): the OS's own pids, kernel threads, netinspect itself.
import { keyedError } from '../../../shared/logic/input-error';
import type { AppError } from '../../../shared/model/errors';

/** i18n key of a refusal reason (its message names the pid and process). */
export type RefusalKey = 'actions.refusedReserved' | 'actions.refusedKernelThread' | 'actions.refusedOwn';

/** What the rules look at. */
export interface RefusalFacts {
  readonly pid: number;
  readonly kernelThread: boolean;
  readonly own: boolean;
}

/**
 * Pids the OS itself runs on: 0 (the scheduler / kernel_task / Idle) everywhere; 1 is init/launchd on POSIX,
 * whose death panics the kernel; 4 is Windows's System process.
 */
export function reservedPids(platform: NodeJS.Platform): readonly number[] {
  return platform === 'win32' ? [0, 4] : [0, 1];
}

/** Why ending the process would be refused, as an i18n key, or null when it may be ended. */
export function refusalFor(platform: NodeJS.Platform, f: RefusalFacts): RefusalKey | null {
  if (reservedPids(platform).includes(f.pid)) return 'actions.refusedReserved';
  if (f.kernelThread) return 'actions.refusedKernelThread';
  if (f.own) return 'actions.refusedOwn';
  return null;
}

/** The REFUSED error for a refusal key (see RefusalKey), naming the process. */
export function refusalError(key: string, pid: number, name: string): AppError {
  return keyedError(key, { pid, name }, 'REFUSED');
}

/**
 * True when `pid` is `self` or one of its descendants, following `parentOf` (null when unknown). Stops at pid 1,
 * at an unknown parent, and after a bounded number of steps so a corrupt or cyclic chain cannot loop.
 */
export function isOwnProcess(pid: number, self: number, parentOf: (pid: number) => number | null): boolean {
  let p: number | null = pid;
  for (let steps = 0; p !== null && p > 1 && steps < 4096; steps++) {
    if (p === self) return true;
    p = parentOf(p);
  }
  return p === self;
}
