// Win32 error codes of the kill and close paths mapped to the app's stable error codes (pure).
import { AppError } from '../../../../shared/model/errors';

/** winerror.h codes these paths meet. */
export const ERROR_ACCESS_DENIED = 5;
export const ERROR_INVALID_PARAMETER = 87;
export const ERROR_NOT_SUPPORTED = 50;
export const ERROR_NOT_FOUND = 1168;
/** What SetTcpEntry returns when the caller is not elevated (documented as a bare 317). */
export const ERROR_MR_MID_NOT_FOUND = 317;

/**
 * AppError for a failed TerminateProcess path (OpenProcess(PROCESS_TERMINATE) or TerminateProcess itself).
 * Access denied means "run elevated" unless we already are; then the process is protected (EPERM).
 * OpenProcess answers ERROR_INVALID_PARAMETER for a pid that does not exist.
 */
export function killError(pid: number, code: number, elevated: boolean): AppError {
  if (code === ERROR_ACCESS_DENIED) {
    return elevated
      ? new AppError('EPERM', `Permission denied: process ${pid} is protected and cannot be ended.`, { pid })
      : new AppError(
          'NEEDS_ELEVATION',
          `Permission denied: run elevated to end process ${pid}, which belongs to another user or to the system.`,
          { pid },
        );
  }
  if (code === ERROR_INVALID_PARAMETER) {
    return new AppError('ESRCH', `No such process: ${pid} has already exited.`, { pid });
  }
  return new AppError('INTERNAL', `Ending process ${pid} failed with Win32 error ${code}.`, { pid, code });
}

/**
 * AppError for a failed SetTcpEntry(DELETE_TCB). 317 and access denied both mean "not elevated"; a connection that
 * no longer exists answers ERROR_NOT_FOUND (or ERROR_INVALID_PARAMETER on older systems).
 */
export function closeError(code: number, elevated: boolean): AppError {
  if (code === ERROR_MR_MID_NOT_FOUND || code === ERROR_ACCESS_DENIED) {
    return elevated
      ? new AppError('EPERM', 'Permission denied: Windows refused to close this connection.')
      : new AppError('NEEDS_ELEVATION', 'Permission denied: run elevated to close connections.');
  }
  if (code === ERROR_NOT_FOUND || code === ERROR_INVALID_PARAMETER) {
    return new AppError('ESRCH', 'No such connection: it has already closed.');
  }
  if (code === ERROR_NOT_SUPPORTED) {
    return new AppError('NOT_SUPPORTED', 'Closing connections is not supported: IPv4 is not configured here.');
  }
  return new AppError('INTERNAL', `Closing the connection failed with Win32 error ${code}.`, { code });
}
