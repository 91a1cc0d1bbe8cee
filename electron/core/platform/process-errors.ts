// The errors a kill can end in, keyed so every front door shows them in the user's language.
import { keyedError } from '../../../shared/logic/input-error';
import type { AppError } from '../../../shared/model/errors';

/** ESRCH: the process exited before or while we acted. */
export function goneError(pid: number): AppError {
  return keyedError('actions.gone', { pid }, 'ESRCH');
}

/** ESRCH: the pid now names another process than the one the user confirmed. */
export function reusedError(pid: number, name: string): AppError {
  return keyedError('actions.pidReused', { pid, name }, 'ESRCH');
}

/**
 * The OS refused the signal. Unelevated, that means another user's process: NEEDS_ELEVATION (core retries through
 * the helper). Elevated, nothing more can be done: EPERM.
 */
export function permissionError(pid: number, name: string, elevated: boolean): AppError {
  return elevated
    ? keyedError('actions.killDenied', { pid, name }, 'EPERM')
    : keyedError('actions.killNeedsElevation', { pid, name }, 'NEEDS_ELEVATION');
}

/** TIMEOUT: still alive after the grace period; `forced` says whether SIGKILL was already sent. */
export function timeoutError(pid: number, name: string, graceMs: number, forced: boolean): AppError {
  const seconds = Math.round(graceMs / 100) / 10;
  return keyedError(forced ? 'actions.killStuck' : 'actions.killTimeout', { pid, name, seconds }, 'TIMEOUT');
}
