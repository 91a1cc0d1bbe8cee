// Whether this process runs with administrator rights (root on POSIX, an elevated token on Windows).
import { isTokenElevated } from '../ffi/advapi32';

let windowsElevated: boolean | null = null;

/** True when running as root (uid 0) or, on Windows, with an elevated token (TokenElevation). */
export function isElevated(): boolean {
  if (process.platform === 'win32') {
    // A token's elevation never changes for the life of the process: ask Windows once.
    if (windowsElevated === null) {
      try {
        windowsElevated = isTokenElevated();
      } catch {
        windowsElevated = false;
      }
    }
    return windowsElevated;
  }
  return typeof process.geteuid === 'function' ? process.geteuid() === 0 : false;
}
