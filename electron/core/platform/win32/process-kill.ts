// Ending a process on Windows: OpenProcess(PROCESS_TERMINATE) + TerminateProcess, errors mapped to app codes.
import { AppError } from '../../../../shared/model/errors';
import { closeHandle, openProcess, PROCESS_TERMINATE, terminateProcess, Win32Error } from '../../ffi/kernel32';
import { isElevated } from '../elevation';
import { killError } from './win32-errors';

/** Exit code the ended process reports, so its parent can tell it was killed rather than exiting normally. */
const KILLED_EXIT_CODE = 1;

/**
 * Ends process `pid` at once (no cleanup runs in it, like `taskkill /F`). Throws ESRCH when it does not exist,
 * NEEDS_ELEVATION or EPERM when it may not be ended, INVALID_INPUT for pids that are never user processes.
 */
export function killProcess(pid: number): void {
  if (!Number.isInteger(pid) || pid <= 0 || pid > 0xffffffff) {
    throw new AppError('INVALID_INPUT', `Not a process id: ${pid}.`, { pid });
  }
  if (pid === 4) throw new AppError('EPERM', 'The System process cannot be ended.', { pid });
  let h: unknown;
  try {
    h = openProcess(PROCESS_TERMINATE, pid);
  } catch (e) {
    throw e instanceof Win32Error ? killError(pid, e.code, isElevated()) : e;
  }
  try {
    terminateProcess(h, KILLED_EXIT_CODE);
  } catch (e) {
    throw e instanceof Win32Error ? killError(pid, e.code, isElevated()) : e;
  } finally {
    closeHandle(h);
  }
}
